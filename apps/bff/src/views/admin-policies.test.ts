import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";
import { policyDetail, policyList } from "./policies";

/** The demo's admin network policies (kube-sim's ibm-classic seed) in Calico's order (docs/calico-semantics.md §8). */
describe("admin network policies in the policy list", () => {
  let demo: DemoHarness;
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo.close();
  });

  it("lists them in their tiers: the admin tiers before default, the baseline tier after it", () => {
    const list = policyList(demo.cluster);
    const tiers = list.tiers.map((t) => `${t.name} ${t.order} ${t.defaultAction}`);
    expect(tiers).toEqual([
      "adminnetworkpolicy 1000 Pass",
      "kube-admin 1000 Pass",
      "default 1000000 Deny",
      "baselineadminnetworkpolicy 10000000 Pass",
    ]);
    const admin = list.items.filter((p) =>
      ["AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy"].includes(p.kind),
    );
    expect(admin.map((p) => [p.kind, p.name, p.tier, p.order, p.calicoName ?? ""])).toEqual([
      ["AdminNetworkPolicy", "shop-guard", "adminnetworkpolicy", 10, "kanp.adminnetworkpolicy.shop-guard"],
      ["ClusterNetworkPolicy", "cluster-dns", "kube-admin", 5, ""],
      [
        "BaselineAdminNetworkPolicy",
        "default",
        "baselineadminnetworkpolicy",
        1000,
        "kbanp.baselineadminnetworkpolicy.default",
      ],
    ]);
    // Every admin policy sorts before the default tier's first policy, except the baseline one, which comes last.
    const position = (name: string) => list.items.findIndex((p) => p.name === name);
    const firstDefault = list.items.findIndex((p) => p.tier === "default");
    expect(position("shop-guard")).toBeLessThan(firstDefault);
    expect(position("cluster-dns")).toBeLessThan(firstDefault);
    expect(position("default")).toBe(list.items.length - 1);
  });

  it("details one with the pods it applies to, its rules and the GlobalNetworkPolicy Calico makes of it", () => {
    const d = policyDetail(demo.cluster, "AdminNetworkPolicy", "shop-guard", undefined);
    expect(d.summary.matched.workloadEndpoints).toBeGreaterThan(0);
    expect(d.rules).toMatchObject([{ direction: "Ingress", action: "Pass" }]);
    expect(d.calico?.object).toMatchObject({
      kind: "GlobalNetworkPolicy",
      metadata: { name: "kanp.adminnetworkpolicy.shop-guard" },
      spec: { tier: "adminnetworkpolicy", order: 10 },
    });
    expect(d.warnings).toContainEqual(expect.stringContaining("v3.32 replaced them with ClusterNetworkPolicy"));
  });
});
