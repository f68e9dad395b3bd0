import { POLICY_KINDS } from "@palisade/calico";
import type { ResourceRef } from "@palisade/contract";
import { clusterPath } from "../../shared/cluster";
import { policyPath } from "../../shared/policyKey";

/** Where a set's object is shown: the policy's page, or (a private host endpoint) the host endpoint's. */
export function objectPath(cluster: string, ref: ResourceRef): string {
  const kind = POLICY_KINDS.find((k) => k === ref.kind);
  return kind === undefined
    ? clusterPath(cluster, `hostendpoints/${encodeURIComponent(ref.name)}`)
    : policyPath(cluster, { kind, name: ref.name, namespace: ref.namespace });
}
