import { useParams } from "react-router";

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
