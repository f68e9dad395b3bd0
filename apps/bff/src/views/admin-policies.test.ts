import type { ExplainRequest, ExplainResult } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cluster } from "../clusters/cluster";
import { type DemoHarness, startDemo } from "../testing/demo";
import { explainPacket } from "./explain";
import { policyDetail, policyList } from "./policies";

const ADMIN_KINDS = ["AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy"];

/** Ingress to the shop backend from a shop frontend pod: no policy of the seed decides it before the profiles. */
const TO_BACKEND: ExplainRequest = {
  endpoint: "wep/shop/backend-6c4d8b7f9-z7vkd",
  direction: "Ingress",
  peer: { endpoint: "wep/shop/frontend-7f8b9c5d4-hx2lp" },
  protocol: "TCP",
  port: 8080,
};

/** The same deny of all ingress to the shop namespace, as v3.31's AdminNetworkPolicy and v3.32's ClusterNetworkPolicy. */
const DENY_SHOP_SPEC = `  priority: 1
  subject:
    namespaces:
      matchLabels: {team: shop}
  ingress:
    - name: all
      action: Deny
      from: [{namespaces: {}}]
`;
const DENY_SHOP = {
  AdminNetworkPolicy: `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: deny-shop
spec:
${DENY_SHOP_SPEC}`,
  ClusterNetworkPolicy: `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: deny-shop
spec:
  tier: Admin
${DENY_SHOP_SPEC}`,
};

const decider = (r: ExplainResult) => r.trace[r.decidedBy];

/** Validates one Tier on the demo; the status code and the field paths with their messages. */
async function validateTier(demo: DemoHarness, name: string, order: number, defaultAction: string) {
  const res = await demo.app.inject({
    method: "POST",
    url: "/api/v1/clusters/demo/validate",
    headers: { "x-palisade-csrf": "1" },
    payload: {
      yaml: `apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: ${name}\nspec:\n  order: ${order}\n  defaultAction: ${defaultAction}\n`,
    },
  });
  const body = res.json<{ details?: { path: string; message: string }[] }>();
  return { status: res.statusCode, details: (body.details ?? []).map((d) => `${d.path}: ${d.message}`) };
}

/**
 * The demo's admin network policies (kube-sim's ibm-classic seed) as each Calico release evaluates them
 * (docs/calico-semantics.md §8): v3.31 (classic storage, ClusterInformation v3.31.0) enforces the AdminNetworkPolicy and
 * the BaselineAdminNetworkPolicy, v3.32 (native v3 storage, v3.32.0) only the ClusterNetworkPolicy.
 */
describe("admin network policies on Calico v3.31", () => {
  let demo: DemoHarness;
  beforeAll(async () => {
    demo = await startDemo({}, { storage: "v1" });
  });
  afterAll(async () => {
    await demo.close();
  });

  it("lists ANP and BANP in their tiers, the admin tier before default, the baseline after; the CNP last", () => {
    const list = policyList(demo.cluster);
    const tiers = list.tiers.map((t) => `${t.name} ${t.order} ${t.defaultAction}`);
    expect(tiers).toEqual([
      "adminnetworkpolicy 1000 Pass",
      "default 1000000 Deny",
      "baselineadminnetworkpolicy 10000000 Pass",
    ]);
    const admin = list.items.filter((p) => ADMIN_KINDS.includes(p.kind));
    expect(admin.map((p) => [p.kind, p.name, p.tier, p.order, p.calicoName ?? "", p.enforcement?.state])).toEqual([
      ["AdminNetworkPolicy", "shop-guard", "adminnetworkpolicy", 10, "kanp.adminnetworkpolicy.shop-guard", "enforced"],
      [
        "BaselineAdminNetworkPolicy",
        "default",
        "baselineadminnetworkpolicy",
        1000,
        "kbanp.baselineadminnetworkpolicy.default",
        "enforced",
      ],
      ["ClusterNetworkPolicy", "cluster-dns", "kube-admin", 5, "", "not-enforced"],
    ]);
    const position = (name: string) => list.items.findIndex((p) => p.name === name);
    const firstDefault = list.items.findIndex((p) => p.tier === "default");
    expect(position("shop-guard")).toBeLessThan(firstDefault);
    expect(position("cluster-dns")).toBe(list.items.length - 1);
    expect(demo.cluster.model.index.policy("ClusterNetworkPolicy//cluster-dns")).toBeUndefined();
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
    expect(d.warnings).toContain(
      "Enforced by Calico v3.31.0: Calico v3.29 to v3.31 enforce AdminNetworkPolicy (v3.32 replaced it with ClusterNetworkPolicy)",
    );
  });

  it("what-if: a proposed AdminNetworkPolicy decides the packet, a proposed ClusterNetworkPolicy does not", async () => {
    const before = await explainPacket(demo.cluster, TO_BACKEND);
    const anp = await explainPacket(demo.cluster, { ...TO_BACKEND, proposedYaml: DENY_SHOP.AdminNetworkPolicy });
    expect(anp.verdict).toBe("deny");
    expect(decider(anp)).toMatchObject({ tier: "adminnetworkpolicy", policy: "AdminNetworkPolicy//deny-shop" });
    const cnp = await explainPacket(demo.cluster, { ...TO_BACKEND, proposedYaml: DENY_SHOP.ClusterNetworkPolicy });
    expect(cnp.trace).toEqual(before.trace);
    expect(cnp.verdict).toBe(before.verdict);
    expect(before.verdict).toBe("allow");
  });
  it("validates tiers by Calico v3.31's rules: the ANP tiers' orders are fixed, kube-admin is an ordinary tier", async () => {
    expect(await validateTier(demo, "kube-admin", 5, "Deny")).toEqual({ status: 200, details: [] });
    expect(await validateTier(demo, "default", 1_000_000, "Pass")).toEqual({ status: 200, details: [] });
    expect(await validateTier(demo, "adminnetworkpolicy", 7, "Pass")).toEqual({
      status: 422,
      details: ['spec.order: Calico v3.31 requires the built-in tier "adminnetworkpolicy" to have order 1000'],
    });
  });
});

describe("admin network policies on Calico v3.32", () => {
  let demo: DemoHarness;
  /** The same seed on v3.31, which enforces the kinds v3.32 does not: what they would select there they select. */
  let v331: DemoHarness;
  beforeAll(async () => {
    demo = await startDemo({}, { storage: "v3" });
    v331 = await startDemo({}, { storage: "v1" });
  });
  afterAll(async () => {
    await demo.close();
    await v331.close();
  });

  it("lists the CNP in kube-admin; ANP and BANP last, marked not enforced, with no tier of their own", () => {
    const list = policyList(demo.cluster);
    expect(list.tiers.map((t) => t.name)).toEqual(["kube-admin", "default"]);
    const admin = list.items.filter((p) => ADMIN_KINDS.includes(p.kind));
    expect(admin.map((p) => [p.name, p.tier, p.enforcement?.state])).toEqual([
      ["cluster-dns", "kube-admin", "enforced"],
      ["shop-guard", "adminnetworkpolicy", "not-enforced"],
      ["default", "baselineadminnetworkpolicy", "not-enforced"],
    ]);
    expect(list.items.slice(-2).map((p) => p.name)).toEqual(["shop-guard", "default"]);
    expect(demo.cluster.model.index.policy("AdminNetworkPolicy//shop-guard")).toBeUndefined();
    expect(demo.cluster.model.index.tierList().map((t) => t.name)).not.toContain("adminnetworkpolicy");
  });

  it("details a not-enforced policy with why, not with the warnings of an enforced one", () => {
    const d = policyDetail(demo.cluster, "BaselineAdminNetworkPolicy", "default", undefined);
    expect(d.warnings).toEqual([
      "Not enforced by Calico v3.32.0: only Calico v3.30 to v3.31 enforce BaselineAdminNetworkPolicy (v3.32 replaced it with ClusterNetworkPolicy); explain, the graph and what-if leave it out",
    ]);
    expect(d.appliesTo.total).toBe(0);
    expect(d.summary.matched).toEqual({ hostEndpoints: 0, workloadEndpoints: 0 });
    // What it would select, as v3.31 applies it: the same endpoints, shown apart and not counted as applied.
    const enforcedOn331 = policyDetail(v331.cluster, "BaselineAdminNetworkPolicy", "default", undefined);
    expect(enforcedOn331.wouldApplyTo).toBeUndefined();
    expect(enforcedOn331.appliesTo.total).toBeGreaterThan(0);
    expect(d.wouldApplyTo).toEqual(enforcedOn331.appliesTo);
    const anp = policyDetail(demo.cluster, "AdminNetworkPolicy", "shop-guard", undefined);
    expect(anp.wouldApplyTo?.items.map((e) => e.namespace)).toEqual(anp.wouldApplyTo?.items.map(() => "shop"));
    expect(anp.wouldApplyTo?.total).toBe(
      policyDetail(v331.cluster, "AdminNetworkPolicy", "shop-guard", undefined).appliesTo.total,
    );
    expect(policyDetail(demo.cluster, "ClusterNetworkPolicy", "cluster-dns", undefined).wouldApplyTo).toBeUndefined();
  });

  it("what-if: a proposed ClusterNetworkPolicy decides the packet, a proposed AdminNetworkPolicy does not", async () => {
    const before = await explainPacket(demo.cluster, TO_BACKEND);
    const cnp = await explainPacket(demo.cluster, { ...TO_BACKEND, proposedYaml: DENY_SHOP.ClusterNetworkPolicy });
    expect(cnp.verdict).toBe("deny");
    expect(decider(cnp)).toMatchObject({ tier: "kube-admin", policy: "ClusterNetworkPolicy//deny-shop" });
    const anp = await explainPacket(demo.cluster, { ...TO_BACKEND, proposedYaml: DENY_SHOP.AdminNetworkPolicy });
    expect(anp.trace).toEqual(before.trace);
    expect(before.verdict).toBe("allow");
  });

  it("validates tiers by Calico v3.32's rules: kube tiers' orders and default actions, adminnetworkpolicy ordinary", async () => {
    expect(await validateTier(demo, "adminnetworkpolicy", 7, "Deny")).toEqual({ status: 200, details: [] });
    expect(await validateTier(demo, "kube-admin", 5, "Deny")).toEqual({
      status: 422,
      details: [
        'spec.order: Calico v3.32 requires the built-in tier "kube-admin" to have order 1000',
        'spec.defaultAction: Calico v3.32 requires the built-in tier "kube-admin" to have defaultAction Pass',
      ],
    });
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

/**
 * Classic storage with neither ClusterInformation nor a calico-node image: only the stored `default.` names tell the
 * release, "v3.31 or older", which may or may not enforce the AdminNetworkPolicy (v3.29 on) and never the CNP.
 */
describe("admin network policies on a Calico release not known exactly", () => {
  let demo: DemoHarness;
  let cluster: Cluster;
  beforeAll(async () => {
    demo = await startDemo({}, { storage: "v1" });
    const api = demo.objectApi();
    await api.delete({
      apiVersion: "crd.projectcalico.org/v1",
      kind: "ClusterInformation",
      metadata: { name: "default" },
    });
    // The seed's calico-node pods carry a placeholder image (`:1.0`), no Calico version.
    for (const name of ["7vq2x", "b4k9m", "hx8cw", "tz3pl"].map((s) => `calico-node-${s}`)) {
      await api.delete({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "kube-system" } });
    }
    // A second view of the same cluster: it reads the version afresh, and finds no ClusterInformation.
    cluster = new Cluster({ name: "unknown", source: "demo", kubeConfig: demo.cluster.kubeConfig, isDefault: false });
    cluster.start();
    await cluster.whenReady();
  });
  afterAll(async () => {
    cluster.stop();
    await demo.close();
  });

  it("says the AdminNetworkPolicy is not known to be enforced, and explains it as enforced with a note", async () => {
    const list = policyList(cluster);
    const shopGuard = list.items.find((p) => p.name === "shop-guard");
    expect(shopGuard?.enforcement).toEqual({
      state: "unknown",
      note: "Not known to be enforced (Calico v3.31 or older): Calico v3.29 to v3.31 enforce AdminNetworkPolicy (v3.32 replaced it with ClusterNetworkPolicy); explain, the graph and what-if treat it as enforced",
    });
    expect(list.items.find((p) => p.name === "cluster-dns")?.enforcement?.state).toBe("not-enforced");
    // Indexed while nothing was known (during the sync), kube-admin went once the names told "v3.31 or older".
    expect(list.tiers.map((t) => t.name)).toEqual(["adminnetworkpolicy", "default", "baselineadminnetworkpolicy"]);
    const r = await explainPacket(cluster, TO_BACKEND);
    const at = r.trace.findIndex((s) => s.kind === "policy" && s.policy === "AdminNetworkPolicy//shop-guard");
    expect(at).toBeGreaterThanOrEqual(0);
    expect(r.trace[at + 1]).toMatchObject({ kind: "note", result: "skip", message: shopGuard?.enforcement?.note });
    expect(r.trace[r.decidedBy]?.result).toBe(r.verdict);
  });
});
