import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ErrorBody, PolicySummary } from "@palisade/contract";
import { type Static, Type } from "typebox";
import { legacyPolicyRows } from "../views/legacy-policies";
import { type RouteContext, syncedCluster } from "./context";

/** The foundation slice's row: the contract's PolicySummary fields read straight from the objects. */
export const PolicyListRow = Type.Pick(PolicySummary, [
  "kind",
  "name",
  "namespace",
  "tier",
  "order",
  "selector",
  "types",
  "preDNAT",
  "applyOnForward",
  "doNotTrack",
]);
export type PolicyListRow = Static<typeof PolicyListRow>;

export const policyRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/policies",
    {
      schema: {
        tags: ["policies"],
        description: "The default cluster's policies in evaluation order (the foundation slice's route).",
        response: { 200: Type.Object({ items: Type.Array(PolicyListRow) }), 502: ErrorBody, 503: ErrorBody },
      },
    },
    async () => ({ items: legacyPolicyRows(syncedCluster(ctx, ctx.clusters.defaultName)) }),
  );
};
