import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./render";

describe("unifiedDiff", () => {
  it("starts at the file headers, without the diff library's ==== underline", () => {
    expect(unifiedDiff("p", "spec:\n  order: 1\n", "spec:\n  order: 2\n")).toBe(
      ["--- live/p", "+++ proposed/p", "@@ -1,2 +1,2 @@", " spec:", "-  order: 1", "+  order: 2", ""].join("\n"),
    );
  });

  it("diffs a created or deleted object against nothing, and is empty when nothing changed", () => {
    expect(unifiedDiff("p", null, "a: 1\n").split("\n").slice(0, 3)).toEqual([
      "--- live/p",
      "+++ proposed/p",
      "@@ -0,0 +1,1 @@",
    ]);
    expect(unifiedDiff("p", "a: 1\n", null)).toContain("-a: 1");
    expect(unifiedDiff("p", "a: 1\n", "a: 1\n")).toBe("");
  });
});
