import { parseCalicoVersion, type ReleaseRange, releaseRangeOf } from "@palisade/calico";
import type { CalicoVersionInfo } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { clustersQuery } from "./shellQueries";

/** The releases a cluster's Calico may be, from what the BFF learned of it: its version, else its policies' names. */
export function releaseOf(calico: CalicoVersionInfo | null | undefined): ReleaseRange {
  if (calico == null) return {};
  const version = calico.version === null ? undefined : parseCalicoVersion(calico.version);
  return releaseRangeOf(version, calico.source === "stored names" ? calico.tieredPolicyNames : undefined);
}

/** The cluster's Calico releases, for the browser's own validation; nothing known until the cluster list loads. */
export function useCalicoRelease(cluster: string): ReleaseRange {
  const { data } = useQuery(clustersQuery);
  const calico = data?.items.find((c) => c.name === cluster)?.calico;
  return useMemo(() => releaseOf(calico), [calico]);
}
