import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ErrorBody, PolicySummary } from "@palisade/contract";
import { type Static, Type } from "typebox";

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

export interface PolicySource {
  listPolicies(): Promise<PolicyListRow[]>;
}

export const policyRoutes: FastifyPluginAsyncTypebox<{ source: PolicySource }> = async (app, { source }) => {
  app.get(
    "/policies",
    { schema: { response: { 200: Type.Object({ items: Type.Array(PolicyListRow) }), 502: ErrorBody } } },
    async () => ({
      items: await source.listPolicies(),
    }),
  );
};
