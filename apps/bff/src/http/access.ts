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
 * - `any-cluster`: answers with server facts and the clusters the caller may read (names, states, cache counts), so
 *   the caller must pass the read check on at least one cluster (`req.readable` lists where);
 * - `public`: needs no identity at all (the OpenAPI document).
 */
export type RouteReads = "default-cluster" | "any-cluster" | "public";

/** The cluster whose data a route answers with, if any; undefined for routes that answer no cluster data. */
function clusterRead(route: Pick<RouteOptions, "url" | "config">): "param" | "default" | "any" | undefined {
  const reads = route.config?.reads;
  if (reads === "default-cluster") return "default";
  if (reads === "any-cluster") return "any";
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
        `route ${route.method} ${route.url} must declare config.reads (default-cluster, any-cluster or public)`,
      );
    }
  });
  api.addHook("onRequest", async (req) => {
    if (req.routeOptions.config.reads === "public") return;
    req.caller = resolveIdentity(req, ctx.auth, trustedProxies, ctx.userHeader);
  });
  api.addHook("preHandler", async (req) => {
    const which = clusterRead({ url: req.routeOptions.url ?? "", config: req.routeOptions.config });
    if (which === "any") {
      req.readable = await readableClusters(ctx, req);
      return;
    }
    if (ctx.auth === "server" || which === undefined) return;
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

/**
 * The clusters the caller may read: every one in `server` mode; otherwise those whose read check passes, plus those
 * that cannot be checked now (not ready: listed with their state) once one check has passed. No passing check is the
 * first cluster's refusal (401 for a token or user it does not know, else 403), or 503 when none can be asked.
 */
async function readableClusters(ctx: RouteContext, req: FastifyRequest): Promise<ReadonlySet<string>> {
  const all = ctx.clusters.list();
  if (ctx.auth === "server") return new Set(all.map((c) => c.name));
  const ready = all.filter((c) => c.ready);
  const answers = await Promise.allSettled(ready.map((c) => mayRead(c, req.caller.identity)));
  const allowed = ready.filter((_, i) => {
    const a = answers[i];
    return a?.status === "fulfilled" && a.value.allowed;
  });
  if (allowed.length > 0) return new Set([...allowed, ...all.filter((c) => !c.ready)].map((c) => c.name));
  const refused = answers.find((a) => a.status === "rejected");
  if (refused !== undefined) throw refused.reason;
  if (ready.length === 0) throw new HttpError("ClusterUnavailable", "cannot check your access: no cluster is ready");
  throw new HttpError("Forbidden", "you may not read Calico policies on any cluster this server shows");
}
