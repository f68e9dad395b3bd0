import { describe, expect, it } from "vitest";
import { familiesToInvalidate } from "./events";

const change = (resource: string) =>
  ({ type: "change", cluster: "demo", action: "modified", resource, name: "x", resourceVersion: "7" }) as const;

describe("familiesToInvalidate", () => {
  it("refreshes policy rows, endpoint lists and the graph when a policy changes", () => {
    const f = familiesToInvalidate(change("GlobalNetworkPolicy"));
    expect(f).toEqual(expect.arrayContaining(["policies", "policy", "hostEndpoint", "graph", "history"]));
    expect(f).not.toContain("selector");
  });
  it("refreshes explanations when a policy, an endpoint or a network set changes: the verdict shown as now must be current", () => {
    for (const r of ["GlobalNetworkPolicy", "NetworkPolicy", "Tier", "HostEndpoint", "Pod", "GlobalNetworkSet"]) {
      expect(familiesToInvalidate(change(r))).toContain("explain");
    }
  });
  it("refreshes the policy sets' drift and plans when a policy, host endpoint or node changes", () => {
    for (const r of ["GlobalNetworkPolicy", "NetworkPolicy", "HostEndpoint", "Node"]) {
      expect(familiesToInvalidate(change(r))).toContain("policySets");
    }
  });
  it("refreshes selector matches when endpoint labels may have changed, but not for unrelated kinds", () => {
    expect(familiesToInvalidate(change("HostEndpoint"))).toContain("selector");
    expect(familiesToInvalidate(change("Pod"))).toContain("selector");
    expect(familiesToInvalidate(change("ConfigMap"))).toEqual([]);
  });
  it("treats a resync as everything stale and a status change as the cluster list only", () => {
    expect(familiesToInvalidate({ type: "resync", cluster: "demo", resource: "Pod" })).toHaveLength(10);
    expect(familiesToInvalidate({ type: "status", cluster: "demo", status: "ready" })).toEqual(["clusters"]);
  });
});
