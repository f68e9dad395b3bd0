import type { AuditTrail } from "../audit/trail";
import type { Cluster } from "../clusters/cluster";
import type { ClusterRegistry } from "../clusters/registry";
import type { AuthMode } from "../config";
import { HttpError } from "../errors";

/** What every route plugin gets: the clusters, the change history and the server's mode. */
export interface RouteContext {
  readonly clusters: ClusterRegistry;
  readonly audit: AuditTrail;
  readonly readOnly: boolean;
  readonly auth: AuthMode;
  /** In `impersonate` mode, the (lower-case) header the proxy names the user in; default x-remote-user. */
  readonly userHeader?: string;
  readonly version: string;
  /** `/readyz` fails once every cluster has been unreachable this long. */
  readonly unreadyAfterMs: number;
}

/** The named cluster, or 404 `ClusterNotFound`. */
export function clusterNamed(ctx: RouteContext, name: string): Cluster {
  const cluster = ctx.clusters.get(name);
  if (cluster === undefined) {
    const known = ctx.clusters.list().map((c) => c.name);
    throw new HttpError("ClusterNotFound", `no cluster "${name}"; known clusters: ${known.join(", ")}`);
  }
  return cluster;
}

/**
 * The named cluster with synced caches. A cluster in `error` (bad kubeconfig, unreachable) is a 502 carrying the
 * reason; one still listing is a 503: the routes never fall back to listing the cluster themselves.
 */
export function syncedCluster(ctx: RouteContext, name: string): Cluster {
  const cluster = clusterNamed(ctx, name);
  const { status, message } = cluster.statusNow;
  if (status === "error") {
    throw new HttpError("ClusterUnavailable", message ?? `cluster ${name} cannot be used`);
  }
  if (!cluster.ready) {
    throw new HttpError(
      "ClusterNotReady",
      `cluster ${name} is still loading (${status})${message === undefined ? "" : `: ${message}`}`,
    );
  }
  return cluster;
}
