import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  ClusterParams,
  DenyNodePortsParams,
  ErrorBody,
  GeneratorResult,
  LogDeniedPacketsParams,
  PreDnatAllowlistParams,
} from "@palisade/contract";
import { generateDenyNodePorts, generateLogDeniedPackets, generatePreDnatAllowlist } from "../views/generators";
import { type RouteContext, syncedCluster } from "./context";

const RESPONSES = { 200: GeneratorResult, 400: ErrorBody, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody };

/** The wizard's generators: they only build YAML (and say where it applies); nothing is written. */
export const generatorRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.post(
    "/clusters/:cluster/generators/deny-nodeports",
    { schema: { tags: ["generators"], params: ClusterParams, body: DenyNodePortsParams, response: RESPONSES } },
    async ({ params, body }) => generateDenyNodePorts(syncedCluster(ctx, params.cluster), body),
  );
  app.post(
    "/clusters/:cluster/generators/prednat-allowlist",
    { schema: { tags: ["generators"], params: ClusterParams, body: PreDnatAllowlistParams, response: RESPONSES } },
    async ({ params, body }) => generatePreDnatAllowlist(syncedCluster(ctx, params.cluster), body),
  );
  app.post(
    "/clusters/:cluster/generators/log-denied-packets",
    { schema: { tags: ["generators"], params: ClusterParams, body: LogDeniedPacketsParams, response: RESPONSES } },
    async ({ params, body }) => generateLogDeniedPackets(syncedCluster(ctx, params.cluster), body),
  );
};
