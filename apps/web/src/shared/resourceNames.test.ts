import { describe, expect, it } from "vitest";
import { resourceNames } from "./resourceNames";

describe("resourceNames", () => {
  it("lists metadata.name in document order, once each, skipping documents without one", () => {
    const yaml = "metadata: {name: b}\n---\nkind: X\n---\nmetadata: {name: a}\n---\nmetadata: {name: b}\n";
    expect(resourceNames(yaml)).toEqual(["b", "a"]);
  });

  it("reads the objects of a List", () => {
    const list = `kind: GlobalNetworkPolicyList\napiVersion: projectcalico.org/v3\nitems:\n  - metadata: {name: one}\n  - metadata: {name: two}\n`;
    expect(resourceNames(list)).toEqual(["one", "two"]);
  });

  it("names nothing in YAML that does not parse", () => {
    expect(resourceNames("metadata: [unclosed")).toEqual([]);
  });
});
