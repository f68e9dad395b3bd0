import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ClusterParams, ErrorBody, Permissions } from "@palisade/contract";
import { reviewPermissions } from "../kube/permissions";
import { type RouteContext, syncedCluster } from "./context";

/** `GET /clusters/:cluster/permissions`: what the caller may do, so the UI disables the rest with a reason. */
export const permissionRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/clusters/:cluster/permissions",
    {
      schema: {
        tags: ["permissions"],
        params: ClusterParams,
        response: { 200: Permissions, 403: ErrorBody, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody },
      },
    },
    async (req) => reviewPermissions(syncedCluster(ctx, req.params.cluster), req.caller.identity, ctx.readOnly),
  );
};
