/**
 * AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy in Calico's evaluation order, checked
 * against Calico's documented semantics (docs/calico-semantics.md §8): the admin tier runs before the default tier and
 * the baseline tier after it; both end in Pass; a lower priority is evaluated first; Pass skips to the next tier;
 * a packet no policy decided ends with the namespace profile, which allows.
 */
import { describe, expect, it } from "vitest";
import { adminPolicyAsIndexed } from "../convert/admin-network-policy";
import { k8sNetworkPolicyToCalico } from "../convert/kubernetes-network-policy";
import { workloadEndpointFromPod } from "../endpoints/endpoint";
import type { PolicyLike } from "../endpoints/inputs";
import { MatchIndex } from "../endpoints/match-index";
import type { AdminPolicyKind } from "../model/kinds";
import { CALICO_CREATED_TIERS, sortPolicies } from "../policy/order";
import { explainFrom } from "./testing";

const WEB = "wep/prod/web";
const CLIENT_IP = "10.0.2.7";

function admin(kind: AdminPolicyKind, name: string, spec: Record<string, unknown>): PolicyLike {
  const p = adminPolicyAsIndexed(kind, { metadata: { name }, spec });
  if (p === undefined) throw new Error(`${name} does not convert`);
  return p;
}

const fromDev = [{ namespaces: { matchLabels: { env: "dev" } } }];
const prod = { namespaces: { matchLabels: { env: "prod" } } };
const anp = (name: string, priority: number, action: string) =>
  admin("AdminNetworkPolicy", name, { priority, subject: prod, ingress: [{ name, action, from: fromDev }] });
const banp = (action: string) =>
  admin("BaselineAdminNetworkPolicy", "default", { subject: prod, ingress: [{ action, from: fromDev }] });

/** A Kubernetes NetworkPolicy in prod allowing everything in, as Calico converts it (order 1000, tier default). */
const allowAllK8s: PolicyLike = {
  ...k8sNetworkPolicyToCalico({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "allow-all", namespace: "prod" },
    spec: { podSelector: {}, ingress: [{}] },
  }).policy,
  kind: "KubernetesNetworkPolicy",
};

function cluster(...policies: PolicyLike[]): MatchIndex {
  const idx = new MatchIndex(CALICO_CREATED_TIERS.values());
  idx.upsertNamespace({ metadata: { name: "prod", labels: { env: "prod" } } });
  idx.upsertNamespace({ metadata: { name: "dev", labels: { env: "dev" } } });
  idx.upsertEndpoint(
    workloadEndpointFromPod({
      metadata: { name: "web", namespace: "prod", labels: { app: "web" } },
      status: { podIPs: [{ ip: "10.0.1.5" }] },
    }),
  );
  idx.upsertEndpoint(
    workloadEndpointFromPod({
      metadata: { name: "client", namespace: "dev", labels: { app: "client" } },
      status: { podIPs: [{ ip: CLIENT_IP }] },
    }),
  );
  for (const p of policies) {
    const r = idx.upsertPolicy(p);
    if (!r.ok) throw new Error(r.error.message);
  }
  return idx;
}

const run = (idx: MatchIndex) =>
  explainFrom({ endpointId: WEB, peerIp: CLIENT_IP }, idx, { peer: { endpointId: "wep/dev/client" }, port: 80 });

describe("admin network policies in Calico's order", () => {
  it("an AdminNetworkPolicy's Deny wins over a Kubernetes NetworkPolicy's Allow: its tier comes first", () => {
    const e = run(cluster(anp("block-dev", 10, "Deny"), allowAllK8s));
    expect(e.verdict).toBe("deny");
    expect(e.decidedBy).toMatchObject({
      kind: "rule",
      tier: "adminnetworkpolicy",
      policy: "AdminNetworkPolicy//block-dev",
      action: "Deny",
    });
  });

  it("the lower priority is evaluated first", () => {
    const allowFirst = run(cluster(anp("deny", 20, "Deny"), anp("allow", 5, "Allow")));
    expect(allowFirst.decidedBy).toMatchObject({ policy: "AdminNetworkPolicy//allow", action: "Allow" });
    const denyFirst = run(cluster(anp("deny", 4, "Deny"), anp("allow", 5, "Allow")));
    expect(denyFirst.decidedBy).toMatchObject({ policy: "AdminNetworkPolicy//deny", action: "Deny" });
  });

  it("Pass skips the rest of the admin tier and lets the default tier decide", () => {
    const e = run(cluster(anp("pass", 1, "Pass"), anp("deny", 2, "Deny"), allowAllK8s));
    expect(e.verdict).toBe("allow");
    expect(e.decidedBy).toMatchObject({ tier: "default", policy: "KubernetesNetworkPolicy/prod/allow-all" });
    const passed = e.trace.find((s) => s.kind === "rule" && s.action === "Pass" && s.matched);
    expect(passed).toMatchObject({ tier: "adminnetworkpolicy", policy: "AdminNetworkPolicy//pass" });
  });

  it("the baseline policy decides only what no earlier tier did", () => {
    const denied = run(cluster(anp("pass", 1, "Pass"), banp("Deny")));
    expect(denied.decidedBy).toMatchObject({
      tier: "baselineadminnetworkpolicy",
      policy: "BaselineAdminNetworkPolicy//default",
      action: "Deny",
    });
    expect(run(cluster(allowAllK8s, banp("Deny"))).decidedBy).toMatchObject({ tier: "default", action: "Allow" });
  });

  it("a kube tier that no rule decided passes (default action Pass), and the namespace profile allows", () => {
    const other = admin("AdminNetworkPolicy", "other", {
      priority: 3,
      subject: prod,
      ingress: [{ action: "Deny", from: [{ namespaces: { matchLabels: { env: "test" } } }] }],
    });
    const e = run(cluster(other));
    expect(e.verdict).toBe("allow");
    expect(e.trace.find((s) => s.kind === "end-of-tier")).toMatchObject({ tier: "adminnetworkpolicy", action: "Pass" });
    expect(e.decidedBy).toMatchObject({ kind: "profile", profile: "kns.prod" });
  });

  it("ClusterNetworkPolicies run in kube-admin before and kube-baseline after the default tier", () => {
    const cnp = (name: string, tier: string, action: string) =>
      admin("ClusterNetworkPolicy", name, { tier, priority: 1, subject: prod, ingress: [{ action, from: fromDev }] });
    const adminDeny = run(cluster(cnp("guard", "Admin", "Deny"), allowAllK8s));
    expect(adminDeny.decidedBy).toMatchObject({ tier: "kube-admin", policy: "ClusterNetworkPolicy//guard" });
    const baseline = run(cluster(cnp("floor", "Baseline", "Deny"), allowAllK8s));
    expect(baseline.decidedBy).toMatchObject({ tier: "default", action: "Allow" });
    const onlyBaseline = run(cluster(cnp("floor", "Baseline", "Deny")));
    expect(onlyBaseline.decidedBy).toMatchObject({ tier: "kube-baseline", action: "Deny" });
  });

  it("sorts equal priorities by the name Calico gives them", () => {
    const tiers = new Map([...CALICO_CREATED_TIERS]);
    const keys = sortPolicies(
      [
        { kind: "AdminNetworkPolicy", name: "b", tier: "adminnetworkpolicy", order: 5 },
        // A GlobalNetworkPolicy named `c` in the same tier sorts before `kanp.adminnetworkpolicy.a`.
        { kind: "GlobalNetworkPolicy", name: "c", tier: "adminnetworkpolicy", order: 5 },
        { kind: "AdminNetworkPolicy", name: "a", tier: "adminnetworkpolicy", order: 5 },
        { kind: "AdminNetworkPolicy", name: "z", tier: "adminnetworkpolicy", order: 4 },
        { kind: "BaselineAdminNetworkPolicy", name: "default", tier: "baselineadminnetworkpolicy", order: 1000 },
        { kind: "KubernetesNetworkPolicy", name: "np", namespace: "prod", tier: "default", order: 1000 },
      ],
      tiers,
    ).map((p) => `${p.kind}/${p.name}`);
    expect(keys).toEqual([
      "AdminNetworkPolicy/z",
      "GlobalNetworkPolicy/c",
      "AdminNetworkPolicy/a",
      "AdminNetworkPolicy/b",
      "KubernetesNetworkPolicy/np",
      "BaselineAdminNetworkPolicy/default",
    ]);
  });
});
