import { describe, expect, it } from "vitest";
import { merge3, rebaseYaml } from "./merge3";

describe("merge3", () => {
  it("replays the user's changes onto theirs, key by key", () => {
    const base = { spec: { order: 10, ports: [80], selector: "a" } };
    const mine = { spec: { order: 10, ports: [8080], selector: "a" } };
    const theirs = { spec: { order: 20, ports: [80], selector: "a" } };
    expect(merge3(base, mine, theirs)).toEqual({
      value: { spec: { order: 20, ports: [8080], selector: "a" } },
      clashes: [],
    });
  });
  it("keeps additions and removals from both sides", () => {
    expect(merge3({ a: 1, b: 2 }, { a: 1, b: 2, mine: true }, { a: 1 }).value).toEqual({ a: 1, mine: true });
  });
  it("lets the user's value win where both changed the same leaf, and says where", () => {
    expect(merge3({ spec: { order: 1 } }, { spec: { order: 2 } }, { spec: { order: 3 } })).toEqual({
      value: { spec: { order: 2 } },
      clashes: ["spec.order"],
    });
  });
});

describe("rebaseYaml", () => {
  const doc = (order: number, port: number, rv: string) =>
    `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: p\n  resourceVersion: "${rv}"\nspec:\n  order: ${order}\n  ingress:\n    - action: Allow\n      destination:\n        ports: [${port}]\n`;

  it("moves the user's port change onto the cluster's new order and version", () => {
    const out = rebaseYaml(doc(10, 80, "5"), doc(10, 8080, "5"), doc(20, 80, "9"), "9");
    expect(out?.clashes).toEqual([]);
    expect(out?.yaml).toContain("order: 20");
    expect(out?.yaml).toContain("- 8080");
    expect(out?.yaml).toContain('resourceVersion: "9"');
  });
  it("gives up on multi-document or non-object input", () => {
    expect(rebaseYaml("a: 1\n---\nb: 2\n", "a: 1", "a: 1", "1")).toBeUndefined();
    expect(rebaseYaml("- 1", "- 2", "- 3", "1")).toBeUndefined();
  });
});
