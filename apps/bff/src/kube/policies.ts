import { CustomObjectsApi, type KubeConfig } from "@kubernetes/client-node";
import { sortPolicies, type TierInfo, tierOf } from "@palisade/calico";
import type { Direction, PolicyKind } from "@palisade/contract";
import type { PolicyListRow } from "../routes/policies";

const GROUP = "projectcalico.org";
const VERSION = "v3";

interface CalicoObject {
  metadata?: { name?: string; namespace?: string };
  spec?: Record<string, unknown>;
}

interface CalicoList {
  items?: CalicoObject[];
}

/** Reads the Calico policies and tiers from a cluster and returns them in evaluation order. */
export async function listPolicies(kc: KubeConfig): Promise<PolicyListRow[]> {
  const api = kc.makeApiClient(CustomObjectsApi);
  const list = async (plural: string) =>
    ((await api.listClusterCustomObject({ group: GROUP, version: VERSION, plural })) as CalicoList).items ?? [];
  const [tiers, gnps, nps] = await Promise.all([list("tiers"), list("globalnetworkpolicies"), list("networkpolicies")]);
  const tierInfo = new Map<string, TierInfo>();
  for (const t of tiers) {
    const name = t.metadata?.name;
    if (name !== undefined) tierInfo.set(name, { name, order: numberOr(t.spec?.order) });
  }
  const rows = [
    ...gnps.map((o) => summarize("GlobalNetworkPolicy", o)),
    ...nps.map((o) => summarize("NetworkPolicy", o)),
  ];
  return sortPolicies(
    rows.map((r) => ({ ...r, order: r.order ?? undefined })),
    tierInfo,
  ).map((r) => ({ ...r, order: r.order ?? null }));
}

function summarize(kind: PolicyKind, obj: CalicoObject): PolicyListRow {
  const spec = obj.spec ?? {};
  const namespace = obj.metadata?.namespace;
  return {
    kind,
    name: obj.metadata?.name ?? "",
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
