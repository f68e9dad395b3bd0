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

  it("creates a tier with its default action, edits it, and refuses Deny for a kube tier, naming the field", async () => {
    const post = (yaml: string) =>
      demo.app.inject({
        method: "POST",
        url: "/api/v1/clusters/demo/apply",
        headers: { "x-palisade-csrf": "1" },
        payload: { yaml },
      });
    const tier = (name: string, action: string) =>
      `apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: ${name}\nspec:\n  order: 100\n  defaultAction: ${action}\n`;
    const row = () => policyList(demo.cluster).tiers.find((t) => t.name === "security");
    expect((await post(tier("security", "Pass"))).statusCode).toBe(200);
    await demo.cluster.settle(() => row()?.defaultAction === "Pass");
    expect(row()).toMatchObject({ order: 100, defaultAction: "Pass", exists: true });
    expect((await post(tier("security", "Deny"))).statusCode).toBe(200);
    await demo.cluster.settle(() => row()?.defaultAction === "Deny");
    expect(row()?.defaultAction).toBe("Deny");
    const refused = await post(tier("kube-admin", "Deny").replace("order: 100", "order: 1000"));
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ details: { path: string; message: string }[] }>().details).toEqual([
      expect.objectContaining({ path: "spec.defaultAction", message: expect.stringContaining("kube-admin") }),
    ]);
  });
});
