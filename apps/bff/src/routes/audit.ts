import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { AuditEntry, AuditList, AuditParams, AuditQuery, ClusterParams, ErrorBody } from "@palisade/contract";
import type { FastifyRequest } from "fastify";
import type { ReadableObjects } from "../audit/trail";
import type { Cluster } from "../clusters/cluster";
import { notFound } from "../errors";
import { readableRefs } from "../kube/permissions";
import { clusterNamed, type RouteContext } from "./context";

/**
 * The change history of a cluster: the newest entries matching the filters, and one entry by id. Acting as the
 * user, only entries about objects the user may read are shown (the cluster's RBAC decides, per kind and namespace);
 * with the server's own credentials, all.
 */
export const auditRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const readable = (cluster: Cluster, req: FastifyRequest): ReadableObjects | undefined =>
    ctx.auth === "server" ? undefined : (refs) => readableRefs(cluster, req.caller.identity, refs);
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
    async (req) => {
      const cluster = clusterNamed(ctx, req.params.cluster);
      return ctx.audit.query(cluster.name, req.query, readable(cluster, req));
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
    async (req) => {
      const { params } = req;
      const cluster = clusterNamed(ctx, params.cluster);
      // An entry about an object the reader may not read is not found, as if it did not exist.
      const entry = await ctx.audit.entry(cluster.name, params.id, readable(cluster, req));
      if (entry === undefined) throw notFound(`history entry ${params.id}`);
      return entry;
    },
  );
};
