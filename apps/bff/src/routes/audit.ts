import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { AuditList, AuditQuery, ClusterParams, ErrorBody } from "@palisade/contract";
import { clusterNamed, type RouteContext } from "./context";

/** `GET /clusters/:cluster/audit?limit=N`: the newest audit entries for the cluster. */
export const auditRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/clusters/:cluster/audit",
    {
      schema: {
        tags: ["audit"],
        params: ClusterParams,
        querystring: AuditQuery,
        response: { 200: AuditList, 404: ErrorBody },
      },
    },
    async ({ params, query }) => {
      const cluster = clusterNamed(ctx, params.cluster);
      return ctx.audit.read(cluster.name, query.limit ?? 100);
    },
  );
};
