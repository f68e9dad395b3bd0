import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ErrorBody, PolicyList, type PolicySummary } from "@palisade/contract";

export interface PolicySource {
  listPolicies(): Promise<PolicySummary[]>;
}

export const policyRoutes: FastifyPluginAsyncTypebox<{ source: PolicySource }> = async (app, { source }) => {
  app.get("/policies", { schema: { response: { 200: PolicyList, 502: ErrorBody } } }, async () => ({
    items: await source.listPolicies(),
  }));
};
