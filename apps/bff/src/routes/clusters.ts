import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ClusterList, ClusterParams, ClusterSummary, ErrorBody } from "@palisade/contract";
import { clusterNamed, type RouteContext } from "./context";

/** `GET /clusters` and `GET /clusters/:cluster`: every context with its connection and cache state. */
export const clusterRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/clusters",
    { schema: { tags: ["clusters"], response: { 200: ClusterList } }, config: { reads: "any-cluster" } },
    async (req) => ({
      items: ctx.clusters
        .list()
        .filter((c) => req.readable.has(c.name))
        .map((c) => c.summary()),
      default: ctx.clusters.defaultName,
    }),
  );

  app.get(
    "/clusters/:cluster",
    { schema: { tags: ["clusters"], params: ClusterParams, response: { 200: ClusterSummary, 404: ErrorBody } } },
    async ({ params }) => clusterNamed(ctx, params.cluster).summary(),
  );
};
