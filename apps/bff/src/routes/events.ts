import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ClusterParams, ErrorBody, type ServerEvent } from "@palisade/contract";
import { clusterNamed, type RouteContext } from "./context";

const HEARTBEAT_MS = 15_000;

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
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
        "x-content-type-options": "nosniff",
        "x-accel-buffering": "no",
      });
      // A HEAD has no body, so nothing would ever flush the headers: it would hang until the client gave up.
      if (req.method === "HEAD") {
        res.end();
        return;
      }
      const send = (event: ServerEvent) => {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      };
      send({ type: "status", cluster: cluster.name, ...cluster.statusNow });
      const unsubscribe = cluster.onEvent(send);
      const heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
      heartbeat.unref();
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      req.raw.on("close", close);
      res.on("close", close);
    },
  );
};
