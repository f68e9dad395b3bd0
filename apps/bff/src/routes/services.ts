import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ClusterParams, ErrorBody, ServiceList, ServiceQuery } from "@palisade/contract";
import { serviceList } from "../views/services";
import { type RouteContext, syncedCluster } from "./context";

/** `GET /clusters/:cluster/services?type=`: Services from the informer cache, for picking a pre-DNAT destination. */
export const serviceRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/clusters/:cluster/services",
    {
      schema: {
        tags: ["services"],
        params: ClusterParams,
        querystring: ServiceQuery,
        response: { 200: ServiceList, 400: ErrorBody, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody },
      },
    },
    async ({ params, query }) => ({
      items: serviceList(syncedCluster(ctx, params.cluster).objects("Service"), query.type),
    }),
  );
};
