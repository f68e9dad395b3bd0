import type { PolicySummary } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { filterPolicies, filtersFromSearch, filtersToSearch, NO_FILTERS, policyKeysOf } from "./filters";

function policy(over: Partial<PolicySummary> & { name: string }): PolicySummary {
  const kind = over.kind ?? "GlobalNetworkPolicy";
  return {
    key: `${kind}/${over.namespace === undefined ? "" : `${over.namespace}/`}${over.name}`,
    kind,
    tier: "default",
    order: 1000,
    selector: "all()",
    types: ["Ingress"],
    preDNAT: false,
    applyOnForward: false,
    doNotTrack: false,
    staged: false,
    stages: ["normal"],
    matched: { hostEndpoints: 0, workloadEndpoints: 0 },
    ingressRules: 1,
    egressRules: 0,
    summary: "Allow ingress",
    resourceVersion: "1",
    ...over,
  };
}

const ROWS = [
  policy({ name: "allow-node-port-dnat", preDNAT: true, applyOnForward: true, stages: ["preDNAT", "forward"] }),
  policy({ name: "raw-drop", doNotTrack: true, applyOnForward: true, stages: ["untracked", "forward"] }),
  policy({ name: "web", kind: "NetworkPolicy", namespace: "shop", selector: "app == 'web'" }),
  policy({ name: "deny", calicoName: "knp.default.deny", kind: "KubernetesNetworkPolicy", namespace: "kube-system" }),
  policy({ name: "trial", kind: "StagedGlobalNetworkPolicy", staged: true, summary: "Deny ingress TCP to port 22" }),
];

describe("policy filters", () => {
  it("round-trips through the URL and leaves empty filters out", () => {
    const f = {
      kinds: ["NetworkPolicy", "GlobalNetworkPolicy"] as const,
      namespace: "shop",
      stage: "preDNAT" as const,
      text: "web",
      endpoint: "eth1",
    };
    const search = filtersToSearch({ ...f, kinds: [...f.kinds] });
    expect(search.toString()).toBe(
      "kind=NetworkPolicy&kind=GlobalNetworkPolicy&namespace=shop&stage=preDNAT&q=web&endpoint=eth1",
    );
    expect(filtersFromSearch(search)).toEqual({ ...f, kinds: [...f.kinds] });
    expect(filtersToSearch(NO_FILTERS).toString()).toBe("");
  });

  it("ignores unknown kinds and stages in a hand-edited URL", () => {
    const f = filtersFromSearch(new URLSearchParams("kind=Bogus&kind=NetworkPolicy&stage=sideways"));
    expect(f.kinds).toEqual(["NetworkPolicy"]);
    expect(f.stage).toBe("");
  });

  it("filters by kind, namespace, stage and text, keeping evaluation order", () => {
    const names = (f: Partial<typeof NO_FILTERS>) => filterPolicies(ROWS, { ...NO_FILTERS, ...f }).map((p) => p.name);
    expect(names({})).toEqual(ROWS.map((p) => p.name));
    expect(names({ kinds: ["NetworkPolicy", "KubernetesNetworkPolicy"] })).toEqual(["web", "deny"]);
    expect(names({ namespace: "shop" })).toEqual(["web"]);
    expect(names({ stage: "forward" })).toEqual(["allow-node-port-dnat", "raw-drop"]);
    expect(names({ stage: "untracked" })).toEqual(["raw-drop"]);
    expect(names({ stage: "staged" })).toEqual(["trial"]);
    expect(names({ text: "APP ==" })).toEqual(["web"]);
    expect(names({ text: "knp.default" })).toEqual(["deny"]);
    expect(names({ text: "port 22" })).toEqual(["trial"]);
  });

  it("keeps only policies known to apply to the chosen endpoint", () => {
    const f = { ...NO_FILTERS, endpoint: "node1-eth1" };
    expect(filterPolicies(ROWS, f)).toEqual([]);
    expect(filterPolicies(ROWS, f, new Set(["NetworkPolicy/shop/web"])).map((p) => p.name)).toEqual(["web"]);
  });
});

const applied = (key: string) => ({
  key,
  kind: "GlobalNetworkPolicy" as const,
  name: key,
  tier: "default",
  order: 1,
  directions: ["Ingress" as const],
  staged: false,
});

describe("policyKeysOf", () => {
  it("collects the policy keys of every stage", () => {
    const keys = policyKeysOf({
      untracked: [],
      preDNAT: [applied("a")],
      normal: [applied("b"), applied("a")],
      forward: [applied("c")],
    });
    expect([...keys].sort()).toEqual(["a", "b", "c"]);
  });
});
