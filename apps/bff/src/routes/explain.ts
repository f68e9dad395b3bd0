import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  ClusterParams,
  ErrorBody,
  ExplainRequest,
  ExplainResult,
  PacketLogRequest,
  PacketLogResult,
} from "@palisade/contract";
import { explainPacket } from "../views/explain";
import { readPacketLog } from "../views/packet-log";
import { type RouteContext, syncedCluster } from "./context";

const ERRORS = { 400: ErrorBody, 404: ErrorBody, 422: ErrorBody, 502: ErrorBody, 503: ErrorBody };

/** `POST /clusters/:cluster/explain`: the verdict and the ordered trace Felix would walk; `packet-log` for logged packets. */
export const explainRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.post(
    "/clusters/:cluster/explain",
    {
      config: { costly: true },
      schema: {
        tags: ["explain"],
        params: ClusterParams,
        body: ExplainRequest,
        response: { 200: ExplainResult, ...ERRORS },
      },
    },
    async ({ params, body }) => explainPacket(syncedCluster(ctx, params.cluster), body),
  );
  app.post(
    "/clusters/:cluster/packet-log",
    {
      config: { costly: true },
      schema: {
        tags: ["explain"],
        description:
          "Kernel log lines of Felix's Log rules: each parsed (or its error), its addresses named with NAT caveats, the policy its prefix names, and the packet explained.",
        params: ClusterParams,
        body: PacketLogRequest,
        response: { 200: PacketLogResult, ...ERRORS },
      },
    },
    async ({ params, body }) => readPacketLog(syncedCluster(ctx, params.cluster), body),
  );
};
