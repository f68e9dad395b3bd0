import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { AuditEntry, AuditList, AuditParams, AuditQuery, ClusterParams, ErrorBody } from "@palisade/contract";
import { notFound } from "../errors";
import { clusterNamed, type RouteContext } from "./context";

/** The change history of a cluster: the newest entries matching the filters, and one entry by id. */
export const auditRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/clusters/:cluster/audit",
    {
      schema: {
        tags: ["audit"],
        params: ClusterParams,
        querystring: AuditQuery,
        response: { 200: AuditList, 404: ErrorBody, 502: ErrorBody },
      },
    },
    async ({ params, query }) => {
      const cluster = clusterNamed(ctx, params.cluster);
      return ctx.audit.query(cluster.name, query);
    },
  );
  app.get(
    "/clusters/:cluster/audit/:id",
    {
      schema: {
        tags: ["audit"],
        params: AuditParams,
        response: { 200: AuditEntry, 404: ErrorBody, 502: ErrorBody },
      },
    },
    async ({ params }) => {
      const cluster = clusterNamed(ctx, params.cluster);
      const entry = await ctx.audit.entry(cluster.name, params.id);
      if (entry === undefined) throw notFound(`history entry ${params.id}`);
      return entry;
    },
  );
};
