import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ClusterParams, ConnectivityDiff, DocumentsRequest, ErrorBody } from "@palisade/contract";
import { loadDocuments } from "../documents/load";
import { planDocuments } from "../documents/plan";
import { connectivityOf } from "../views/connectivity";
import { type RouteContext, syncedCluster } from "./context";

/** `POST /clusters/:cluster/connectivity`: who would gain or lose reachability, on which ports, if YAML were applied. */
export const connectivityRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.post(
    "/clusters/:cluster/connectivity",
    {
      config: { costly: true },
      schema: {
        tags: ["documents"],
        description:
          "The whole-cluster connectivity diff of the documents: groups of endpoints and address ranges whose traffic the change would allow or deny, per protocol and port range.",
        params: ClusterParams,
        body: DocumentsRequest,
        response: {
          200: ConnectivityDiff,
          400: ErrorBody,
          404: ErrorBody,
          413: ErrorBody,
          422: ErrorBody,
          429: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async ({ params, body }) => {
      const cluster = syncedCluster(ctx, params.cluster);
      return await connectivityOf(
        cluster,
        planDocuments(cluster, await loadDocuments(body.yaml, cluster.validationTarget)),
      );
    },
  );
};
