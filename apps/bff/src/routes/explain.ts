import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ClusterParams, ErrorBody, ExplainRequest, ExplainResult } from "@palisade/contract";
import { explainPacket } from "../views/explain";
import { type RouteContext, syncedCluster } from "./context";

/** `POST /clusters/:cluster/explain`: the verdict and the ordered trace Felix would walk. */
export const explainRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.post(
    "/clusters/:cluster/explain",
    {
      config: { costly: true },
      schema: {
        tags: ["explain"],
        params: ClusterParams,
        body: ExplainRequest,
        response: {
          200: ExplainResult,
          400: ErrorBody,
          404: ErrorBody,
          422: ErrorBody,
          502: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async ({ params, body }) => explainPacket(syncedCluster(ctx, params.cluster), body),
  );
};
