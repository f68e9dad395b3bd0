import type { PolicySummary } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { filterPolicies, filtersFromSearch, filtersToSearch, NO_FILTERS, stagesOf } from "./filters";

function policy(over: Partial<PolicySummary> & { name: string }): PolicySummary {
  return {
    kind: "GlobalNetworkPolicy",
    tier: "default",
    order: 1000,
    selector: "all()",
    types: ["Ingress"],
    preDNAT: false,
    applyOnForward: false,
    doNotTrack: false,
    ...over,
  };
}

const ROWS = [
  policy({ name: "allow-node-port-dnat", order: 1500, preDNAT: true, applyOnForward: true }),
  policy({ name: "raw-drop", doNotTrack: true, applyOnForward: true }),
  policy({ name: "web", kind: "NetworkPolicy", namespace: "shop", selector: "app == 'web'" }),
  policy({ name: "knp.default.deny", kind: "KubernetesNetworkPolicy", namespace: "kube-system" }),
  policy({ name: "trial", kind: "StagedGlobalNetworkPolicy" }),
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

  it("places each policy in its Felix stages: doNotTrack wins over preDNAT, staged is extra", () => {
    expect(stagesOf(ROWS[0] as PolicySummary)).toEqual(["preDNAT", "applyOnForward"]);
    expect(stagesOf(ROWS[1] as PolicySummary)).toEqual(["doNotTrack", "applyOnForward"]);
    expect(stagesOf(ROWS[2] as PolicySummary)).toEqual(["normal"]);
    expect(stagesOf(ROWS[4] as PolicySummary)).toEqual(["normal", "staged"]);
  });

  it("filters by kind, namespace, stage and text, keeping evaluation order", () => {
    const names = (f: Partial<typeof NO_FILTERS>) => filterPolicies(ROWS, { ...NO_FILTERS, ...f }).map((p) => p.name);
    expect(names({})).toEqual(ROWS.map((p) => p.name));
    expect(names({ kinds: ["NetworkPolicy", "KubernetesNetworkPolicy"] })).toEqual(["web", "knp.default.deny"]);
    expect(names({ namespace: "shop" })).toEqual(["web"]);
    expect(names({ stage: "applyOnForward" })).toEqual(["allow-node-port-dnat", "raw-drop"]);
    expect(names({ stage: "staged" })).toEqual(["trial"]);
    expect(names({ text: "APP ==" })).toEqual(["web"]);
  });

  it("keeps only policies known to apply to the chosen endpoint", () => {
    const f = { ...NO_FILTERS, endpoint: "node1-eth1" };
    expect(filterPolicies(ROWS, f)).toEqual([]);
    expect(filterPolicies(ROWS, f, new Set(["NetworkPolicy/shop/web"])).map((p) => p.name)).toEqual(["web"]);
  });
});
