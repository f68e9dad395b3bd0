import { describe, expect, it } from "vitest";
import { diagnosticsFromDetails, mergeDiagnostics } from "./diagnostics";

describe("editor diagnostics", () => {
  it("locates server details and keeps their field path in the message", () => {
    expect(
      diagnosticsFromDetails([
        {
          path: "spec.ingress[0].action",
          message: "must be Allow, Deny, Log or Pass",
          document: 0,
          line: 9,
          column: 15,
        },
        { path: "yaml", message: "bad indentation" },
      ]),
    ).toEqual([
      { line: 9, column: 15, message: "spec.ingress[0].action: must be Allow, Deny, Log or Pass", severity: "error" },
      { line: 1, column: 1, message: "bad indentation", severity: "error" },
    ]);
  });
  it("merges lists without duplicates, in text order", () => {
    const a = { line: 5, column: 1, message: "x", severity: "error" as const };
    const b = { line: 2, column: 3, message: "y", severity: "warning" as const };
    expect(mergeDiagnostics([a, b], [a])).toEqual([b, a]);
  });
});
