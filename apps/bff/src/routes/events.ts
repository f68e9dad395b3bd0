import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ClusterParams, ErrorBody, type ServerEvent } from "@palisade/contract";
import { openEventStream } from "../http/event-stream";
import { clusterNamed, type RouteContext } from "./context";

/**
 * `GET /clusters/:cluster/events`: Server-Sent Events. Every cache change is forwarded as it arrives from the watch
 * (so the UI refreshes within a second), starting with the cluster's current status.
 */
export const eventRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/clusters/:cluster/events",
    {
      schema: {
        tags: ["events"],
        params: ClusterParams,
        produces: ["text/event-stream"],
        response: { 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const cluster = clusterNamed(ctx, req.params.cluster);
      let unsubscribe = () => {};
      const write = openEventStream(req, reply, () => unsubscribe());
      if (write === undefined) return;
      const send = (event: ServerEvent) => write(event.type, event);
      send({ type: "status", cluster: cluster.name, ...cluster.statusNow });
      unsubscribe = cluster.onEvent(send);
    },
  );
};
