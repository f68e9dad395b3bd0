import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Health } from "@palisade/contract";
import type { RouteContext } from "./context";

/**
 * `/healthz`: the process serves. `/readyz`: the default cluster's caches are synced, and so are those of every
 * other cluster that is not in `error`; otherwise 503 listing the unsynced caches as `cluster/Resource`.
 */
export const healthRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get("/healthz", { schema: { tags: ["health"], response: { 200: Health } } }, async () => ({
    status: "ok" as const,
  }));

  app.get("/readyz", { schema: { tags: ["health"], response: { 200: Health, 503: Health } } }, async (_req, reply) => {
    const unsynced: string[] = [];
    let ready = true;
    for (const cluster of ctx.clusters.list()) {
      const { status } = cluster.statusNow;
      const pending = cluster
        .caches()
        .filter((c) => !c.synced)
        .map((c) => `${cluster.name}/${c.resource}`);
      unsynced.push(...pending);
      if (cluster.isDefault ? !cluster.ready : status !== "error" && !cluster.ready) {
        ready = false;
        if (pending.length === 0) unsynced.push(`${cluster.name}/${status}`);
      }
    }
    if (!ready) return reply.status(503).send({ status: "not-ready" as const, unsynced });
    return { status: "ready" as const, unsynced };
  });
};
