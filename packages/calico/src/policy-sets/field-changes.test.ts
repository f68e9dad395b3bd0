import { describe, expect, it } from "vitest";
import { fieldChanges } from "./field-changes";

describe("fieldChanges", () => {
  it("names each differing leaf by its path, and whole subtrees only one side has", () => {
    const expected = { spec: { order: 1500, egress: [{ destination: { nets: ["10.0.0.0/8", "10.1.0.0/16"] } }] } };
    const live = {
      spec: { order: 1500, egress: [{ destination: { nets: ["10.0.0.0/8", "10.9.0.0/16"] } }, { action: "Allow" }] },
    };
    expect(fieldChanges(expected, live)).toEqual([
      { path: "spec.egress[0].destination.nets[1]", expected: "10.1.0.0/16", live: "10.9.0.0/16" },
      { path: "spec.egress[1]", expected: undefined, live: { action: "Allow" } },
    ]);
  });

  it("finds nothing in equal values", () => {
    expect(fieldChanges({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
});
