import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CSRF_HEADER, ServerInfo } from "@palisade/contract";
import type { RouteContext } from "./context";

export const serverInfoRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/server",
    { schema: { tags: ["server"], response: { 200: ServerInfo } }, config: { reads: "any-cluster" } },
    async () => ({
      version: ctx.version,
      readOnly: ctx.readOnly,
      authMode: ctx.auth,
      defaultCluster: ctx.clusters.defaultName,
      csrfHeader: CSRF_HEADER,
    }),
  );
};
