import { apiPaths, type ClusterList, type Permissions } from "@palisade/contract";
import { queryOptions } from "@tanstack/react-query";
import { useParams } from "react-router";
import { getJson } from "../api/client";

export const clustersQuery = queryOptions({
  queryKey: ["clusters"],
  queryFn: ({ signal }) => getJson<ClusterList>(apiPaths.clusters(), signal),
});

export const permissionsQuery = (cluster: string) =>
  queryOptions({
    queryKey: ["permissions", cluster],
    queryFn: ({ signal }) => getJson<Permissions>(apiPaths.permissions(cluster), signal),
    staleTime: 60_000,
  });

/** The cluster the current URL is about (`/c/:cluster/...`). */
export function useCluster(): string {
  const { cluster } = useParams();
  if (cluster === undefined) throw new Error("useCluster used outside /c/:cluster routes");
  return cluster;
}

/** The dashboard path of a view in a cluster. */
export function clusterPath(cluster: string, view: string): string {
  return `/c/${encodeURIComponent(cluster)}/${view}`;
}
