import type { FastifyInstance, FastifyRequest, RouteOptions } from "fastify";
import { HttpError } from "../errors";
import { mayRead } from "../kube/permissions";
import type { RouteContext } from "../routes/context";
import { resolveIdentity } from "./identity";

/**
 * What an API route answers with, for the caller's read check. A route with a `:cluster` parameter reads that
 * cluster and needs nothing more; every other API route must say (`config.reads`), so a route added later cannot
 * skip the check by forgetting it:
 * - `default-cluster`: answers from the default cluster's cache (checked like `:cluster` routes);
 * - `no-cluster-data`: answers with server facts only (version, cluster names and connection states);
 * - `public`: needs no identity at all (the OpenAPI document).
 */
export type RouteReads = "default-cluster" | "no-cluster-data" | "public";

/** The cluster whose data a route answers with, if any; undefined for routes that answer no cluster data. */
function clusterRead(route: Pick<RouteOptions, "url" | "config">): "param" | "default" | undefined {
  const reads = route.config?.reads;
  if (reads === "default-cluster") return "default";
  if (reads !== undefined) return undefined;
  return /(^|\/):cluster(\/|$)/.test(route.url) ? "param" : undefined;
}

/**
 * Identity and the read check for every route registered on `api` (its encapsulation context, so the decision
 * follows the route the router matched, never the raw URL): the caller is resolved for each request, and before a
 * route answers from the shared cache the cluster is asked whether this caller may read its Calico policies.
 * Register before the routes.
 */
export function registerAccess(api: FastifyInstance, ctx: RouteContext, trustedProxies: ReadonlySet<string>): void {
  api.addHook("onRoute", (route) => {
    const declared = route.config?.reads !== undefined;
    if (!declared && clusterRead(route) === undefined) {
      throw new Error(
        `route ${route.method} ${route.url} must declare config.reads (default-cluster, no-cluster-data or public)`,
      );
    }
  });
  api.addHook("onRequest", async (req) => {
    if (req.routeOptions.config.reads === "public") return;
    req.caller = resolveIdentity(req, ctx.auth, trustedProxies, ctx.userHeader);
  });
  api.addHook("preHandler", async (req) => {
    if (ctx.auth === "server") return;
    const which = clusterRead({ url: req.routeOptions.url ?? "", config: req.routeOptions.config });
    if (which === undefined) return;
    const name = which === "default" ? ctx.clusters.defaultName : (req.params as { cluster: string }).cluster;
    await checkRead(ctx, req, name);
  });
}

/** Acting as the user: the cache is shared, so whether the user may see a cluster's policies is the cluster's call. */
async function checkRead(ctx: RouteContext, req: FastifyRequest, name: string): Promise<void> {
  const cluster = ctx.clusters.get(name);
  // The route answers 404 ClusterNotFound, naming the clusters (which /clusters lists to everyone signed in).
  if (cluster === undefined) return;
  if (!cluster.ready) {
    const { status, message } = cluster.statusNow;
    throw new HttpError(
      status === "error" ? "ClusterUnavailable" : "ClusterNotReady",
      `cannot check your access to cluster ${name} (${status})${message === undefined ? "" : `: ${message}`}`,
    );
  }
  const read = await mayRead(cluster, req.caller.identity);
  if (!read.allowed) {
    throw new HttpError(
      "Forbidden",
      `you may not read Calico policies on cluster ${name}: ${read.reason ?? "RBAC denies it"}`,
    );
  }
}
