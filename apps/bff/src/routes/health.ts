import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Health, type UnreachableCluster } from "@palisade/contract";
import type { RouteContext } from "./context";

/**
 * How ready the server is. Not ready: the default cluster's caches (or those of another cluster not in `error`) are
 * not synced, or every cluster has been unreachable longer than `unreadyAfterMs`. Degraded: ready, serving the cache,
 * while some cluster does not answer.
 */
export function readiness(ctx: RouteContext, now: number): Health & { status: "ready" | "degraded" | "not-ready" } {
  const unsynced: string[] = [];
  const unreachable: UnreachableCluster[] = [];
  let synced = true;
  let longestAnswering = false;
  const clusters = ctx.clusters.list();
  for (const cluster of clusters) {
    const { status, message } = cluster.statusNow;
    const pending = cluster
      .caches()
      .filter((c) => !c.synced)
      .map((c) => `${cluster.name}/${c.resource}`);
    unsynced.push(...pending);
    if (cluster.isDefault ? !cluster.ready : status !== "error" && !cluster.ready) {
      synced = false;
      if (pending.length === 0) unsynced.push(`${cluster.name}/${status}`);
    }
    const since = cluster.unreachableSince;
    if (since === undefined || now - since <= ctx.unreadyAfterMs) longestAnswering = true;
    if (since !== undefined) {
      unreachable.push({
        cluster: cluster.name,
        status,
        since: new Date(since).toISOString(),
        ...(message === undefined ? {} : { message }),
      });
    }
  }
  const status =
    !synced || (clusters.length > 0 && !longestAnswering) ? "not-ready" : unreachable.length > 0 ? "degraded" : "ready";
  return { status, unsynced, ...(unreachable.length === 0 ? {} : { unreachable }) };
}

/**
 * `/healthz`: the process serves. `/readyz`: {@link readiness}, 503 when not ready. `/metrics`: the same in
 * Prometheus text format, per cluster, for the operators' dashboards and alerts.
 */
export const healthRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/healthz",
    { schema: { tags: ["health"], response: { 200: Health } }, config: { probe: true } },
    async () => ({
      status: "ok" as const,
    }),
  );

  app.get(
    "/readyz",
    { schema: { tags: ["health"], response: { 200: Health, 503: Health } }, config: { probe: true } },
    async (_req, reply) => {
      const health = readiness(ctx, Date.now());
      return reply.status(health.status === "not-ready" ? 503 : 200).send(health);
    },
  );

  app.get("/metrics", { schema: { tags: ["health"] }, config: { probe: true } }, async (_req, reply) => {
    const now = Date.now();
    const health = readiness(ctx, now);
    const lines = [
      "# HELP palisade_ready 1 when /readyz answers 200 (ready or degraded).",
      "# TYPE palisade_ready gauge",
      `palisade_ready ${health.status === "not-ready" ? 0 : 1}`,
      "# HELP palisade_degraded 1 while some cluster does not answer and Palisade serves its cache.",
      "# TYPE palisade_degraded gauge",
      `palisade_degraded ${health.status === "degraded" ? 1 : 0}`,
      "# HELP palisade_cluster_reachable 1 while the cluster answers, 0 while it is in error or reconnecting.",
      "# TYPE palisade_cluster_reachable gauge",
      ...ctx.clusters
        .list()
        .map(
          (c) => `palisade_cluster_reachable{cluster="${label(c.name)}"} ${c.unreachableSince === undefined ? 1 : 0}`,
        ),
      "# HELP palisade_cluster_unreachable_seconds How long the cluster has not answered (0 while it answers).",
      "# TYPE palisade_cluster_unreachable_seconds gauge",
      ...ctx.clusters.list().map((c) => {
        const since = c.unreachableSince;
        return `palisade_cluster_unreachable_seconds{cluster="${label(c.name)}"} ${since === undefined ? 0 : Math.round((now - since) / 1000)}`;
      }),
    ];
    return reply.type("text/plain; version=0.0.4").send(`${lines.join("\n")}\n`);
  });
};

/** A Prometheus label value: backslash, quote and newline escaped. */
function label(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}
