import { sortPolicies, type TierInfo, tierOf } from "@palisade/calico";
import type { Direction, PolicyKind } from "@palisade/contract";
import type { Cluster } from "../kube/cluster";
import type { KubeObject } from "../kube/resources";
import type { PolicyListRow } from "../routes/policies";

/** Calico policies from the cache in evaluation order (calico-semantics.md section 2). */
export function legacyPolicyRows(cluster: Cluster): PolicyListRow[] {
  const tierInfo = new Map<string, TierInfo>();
  for (const t of cluster.objects("Tier")) {
    tierInfo.set(t.metadata.name, { name: t.metadata.name, order: numberOr(t.spec?.order) });
  }
  const rows = [
    ...cluster.objects("GlobalNetworkPolicy").map((o) => summarize("GlobalNetworkPolicy", o)),
    ...cluster.objects("NetworkPolicy").map((o) => summarize("NetworkPolicy", o)),
  ];
  return sortPolicies(
    rows.map((r) => ({ ...r, order: r.order ?? undefined })),
    tierInfo,
  ).map((r) => ({ ...r, order: r.order ?? null }));
}

function summarize(kind: PolicyKind, obj: KubeObject): PolicyListRow {
  const spec = obj.spec ?? {};
  const namespace = obj.metadata.namespace;
  return {
    kind,
    name: obj.metadata.name,
    ...(namespace === undefined ? {} : { namespace }),
    tier: tierOf({ tier: typeof spec.tier === "string" ? spec.tier : undefined }),
    order: numberOr(spec.order) ?? null,
    selector: typeof spec.selector === "string" ? spec.selector : "",
    types: Array.isArray(spec.types) ? spec.types.filter((t): t is Direction => t === "Ingress" || t === "Egress") : [],
    preDNAT: spec.preDNAT === true,
    applyOnForward: spec.applyOnForward === true,
    doNotTrack: spec.doNotTrack === true,
  };
}

function numberOr(v: unknown): number | undefined {
  return typeof v === "number" ? v : undefined;
}
