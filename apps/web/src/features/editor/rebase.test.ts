import { describe, expect, it } from "vitest";
import { withResourceVersion } from "./rebase";

const TWO_DOCS = `# my edits
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: a
  resourceVersion: "10"
spec:
  order: 5 # moved up
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: b
  resourceVersion: "11"
`;

describe("withResourceVersion", () => {
  it("moves only the matching document onto the new version and keeps comments", () => {
    const out = withResourceVersion(TWO_DOCS, { kind: "GlobalNetworkPolicy", name: "a" }, "42");
    expect(out).toContain('name: a\n  resourceVersion: "42"');
    expect(out).toContain('name: b\n  resourceVersion: "11"');
    expect(out).toContain("order: 5 # moved up");
    expect(out).toContain("# my edits");
  });
  it("leaves text alone when no document carries a resourceVersion for the ref", () => {
    const plain = "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: a\n";
    expect(withResourceVersion(plain, { kind: "GlobalNetworkPolicy", name: "a" }, "42")).toBe(plain);
    expect(withResourceVersion(TWO_DOCS, { kind: "NetworkPolicy", name: "a", namespace: "x" }, "42")).toBe(TWO_DOCS);
  });
});
