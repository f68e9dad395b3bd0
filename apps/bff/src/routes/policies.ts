import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { KINDS } from "@palisade/calico";
import {
  ClusterParams,
  DuplicateList,
  ErrorBody,
  NamespaceQuery,
  PolicyDetail,
  PolicyList,
  PolicyParams,
} from "@palisade/contract";
import { HttpError } from "../errors";
import { sendView } from "../http/view-response";
import { duplicateNames } from "../views/duplicates";
import { policyDetail, policyList } from "../views/policies";
import { type RouteContext, syncedCluster } from "./context";

const ERRORS = { 400: ErrorBody, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody };

export const policyRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/clusters/:cluster/policies",
    {
      schema: {
        tags: ["policies"],
        description: "Every policy in Calico's evaluation order, with the tiers.",
        params: ClusterParams,
        response: { 200: PolicyList, ...ERRORS },
      },
    },
    async (req, reply) => sendView(req, reply, policyList(syncedCluster(ctx, req.params.cluster))),
  );

  app.get(
    "/clusters/:cluster/duplicates",
    {
      schema: {
        tags: ["policies"],
        description:
          "Names stored more than once (classic storage: x and default.x): every copy, which one calicoctl addresses, and whether they differ.",
        params: ClusterParams,
        response: { 200: DuplicateList, ...ERRORS },
      },
    },
    async (req) => duplicateNames(syncedCluster(ctx, req.params.cluster)),
  );

  app.get(
    "/clusters/:cluster/policies/:kind/:name",
    {
      schema: {
        tags: ["policies"],
        description: "One policy: YAML, rules in words, endpoints it applies to, peers each rule matches.",
        params: PolicyParams,
        querystring: NamespaceQuery,
        response: { 200: PolicyDetail, ...ERRORS },
      },
    },
    async ({ params, query }) => {
      const cluster = syncedCluster(ctx, params.cluster);
      const namespaced = KINDS[params.kind].namespaced;
      if (namespaced !== (query.namespace !== undefined)) {
        throw new HttpError(
          "BadRequest",
          namespaced
            ? `${params.kind} is namespaced: add ?namespace=<namespace>`
            : `${params.kind} is cluster-scoped: remove the namespace parameter`,
          [{ path: "namespace", message: namespaced ? "required" : "not allowed" }],
        );
      }
      return policyDetail(cluster, params.kind, params.name, query.namespace);
    },
  );

  app.get(
    "/policies",
    {
      schema: {
        tags: ["policies"],
        description: "The default cluster's policies (same as /clusters/{default}/policies).",
        response: { 200: PolicyList, ...ERRORS },
      },
      config: { reads: "default-cluster" },
    },
    async (req, reply) => sendView(req, reply, policyList(syncedCluster(ctx, ctx.clusters.defaultName))),
  );
};
