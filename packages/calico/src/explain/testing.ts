/** Helpers the explain tests share: policies by name and spec, an index with its policies, one explained packet. */
import type { PolicyLike } from "../endpoints/inputs";
import { MatchIndex } from "../endpoints/match-index";
import { explain } from "./explain";
import type { ExplainOptions, ExplainQuery, Explanation } from "./query";

export type PolicySpec = PolicyLike["spec"];
export type IngressRules = NonNullable<PolicySpec["ingress"]>;

export const gnp = (name: string, spec: PolicySpec): PolicyLike => ({
  kind: "GlobalNetworkPolicy",
  metadata: { name },
  spec,
});

/** A Calico NetworkPolicy in namespace `shop`. */
export const np = (name: string, spec: PolicySpec): PolicyLike => ({
  kind: "NetworkPolicy",
  metadata: { name, namespace: "shop" },
  spec,
});

/** An index with the default tier, whatever `setup` adds, then the policies (which must compile). */
export function indexWith(setup: (idx: MatchIndex) => void, policies: readonly PolicyLike[]): MatchIndex {
  const idx = new MatchIndex([{ name: "default", order: 1_000_000, defaultAction: "Deny" }]);
  setup(idx);
  for (const p of policies) {
    const r = idx.upsertPolicy(p);
    if (!r.ok) throw new Error(r.error.message);
  }
  return idx;
}

/** Explains a TCP packet from `peer` into `endpointId` unless `q` says otherwise; a query error throws. */
export function explainFrom(
  defaults: { readonly endpointId: string; readonly peerIp: string },
  idx: MatchIndex,
  q: Partial<ExplainQuery>,
  options?: ExplainOptions,
): Explanation {
  const r = explain(
    idx,
    { endpointId: defaults.endpointId, direction: "ingress", peer: { ip: defaults.peerIp }, protocol: "TCP", ...q },
    options,
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
