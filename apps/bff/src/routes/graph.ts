import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ClusterParams, ErrorBody, GraphModel, GraphQuery, SelectorQuery, SelectorResult } from "@palisade/contract";
import { sendView } from "../http/view-response";
import { graphModel } from "../views/graph";
import { selectorMatches } from "../views/selector";
import { type RouteContext, syncedCluster } from "./context";

/** The graph model and the live selector query. */
export const graphRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/clusters/:cluster/graph",
    {
      schema: {
        tags: ["graph"],
        description:
          "Pods grouped by namespace and workload with counts; `expand` lists the namespaces and workloads opened.",
        params: ClusterParams,
        querystring: GraphQuery,
        response: { 200: GraphModel, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody },
      },
    },
    async (req, reply) =>
      sendView(req, reply, graphModel(syncedCluster(ctx, req.params.cluster), req.query.expand, req.query.edges)),
  );
  app.get(
    "/clusters/:cluster/selector",
    {
      schema: {
        tags: ["selectors"],
        description: "Endpoints a selector matches (capped, with totals); 400 InvalidSelector with the offset.",
        params: ClusterParams,
        querystring: SelectorQuery,
        response: { 200: SelectorResult, 400: ErrorBody, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody },
      },
    },
    async (req, reply) => {
      const { params, query } = req;
      const cluster = syncedCluster(ctx, params.cluster);
      return sendView(req, reply, selectorMatches(cluster, query.selector, query.limit ?? 100, query.kind));
    },
  );
};
