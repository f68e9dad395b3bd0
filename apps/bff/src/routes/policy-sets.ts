import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  ApplyErrorBody,
  ApplyResult,
  ClusterParams,
  ErrorBody,
  PolicySetApplyRequest,
  PolicySetList,
  PolicySetParams,
  PolicySetParamsPath,
  PolicySetPlan,
} from "@palisade/contract";
import { loadDocuments } from "../documents/load";
import { planDocuments } from "../documents/plan";
import { HttpError } from "../errors";
import { policySetsInCluster } from "../views/policy-set-drift";
import { lockOutCheck, planPolicySet } from "../views/policy-sets";
import { type RouteContext, syncedCluster } from "./context";
import { applyPlanned } from "./documents";

const ERRORS = { 400: ErrorBody, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody };
const APPLY_ERRORS = {
  ...ERRORS,
  403: ApplyErrorBody,
  409: ApplyErrorBody,
  422: ApplyErrorBody,
  429: ErrorBody,
  500: ApplyErrorBody,
  502: ApplyErrorBody,
};

/** IBM's isolation sets: found in the cluster (with drift), planned (impact, lock-out check), applied as one change. */
export const policySetRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/clusters/:cluster/policy-sets",
    {
      config: { costly: true },
      schema: {
        tags: ["policy-sets"],
        description: "The isolation sets Palisade's labels mark in the cluster, each up to date or not, and why.",
        params: ClusterParams,
        response: { 200: PolicySetList, ...ERRORS },
      },
    },
    async ({ params }) => policySetsInCluster(syncedCluster(ctx, params.cluster)),
  );

  app.post(
    "/clusters/:cluster/policy-sets/:set/plan",
    {
      config: { costly: true },
      schema: {
        tags: ["policy-sets"],
        description:
          "The set generated for the cluster (region and pod subnet detected unless given), what each member " +
          "selects, probes explained before and after, and the lock-out check. Nothing is written.",
        params: PolicySetParamsPath,
        body: PolicySetParams,
        response: { 200: PolicySetPlan, ...ERRORS },
      },
    },
    async ({ params, body }) => planPolicySet(syncedCluster(ctx, params.cluster), params.set, body),
  );

  app.post(
    "/clusters/:cluster/policy-sets/:set/apply",
    {
      config: { write: true },
      schema: {
        tags: ["policy-sets"],
        description:
          "Plans the set again and applies every document as one change (dry-run all, write all, roll back on a " +
          "part-way failure, audited). Refused with 409 LockOut while the lock-out check objects, unless " +
          "`confirm` is the cluster's name.",
        params: PolicySetParamsPath,
        body: PolicySetApplyRequest,
        response: { 200: ApplyResult, ...APPLY_ERRORS },
      },
    },
    async (req) => {
      const cluster = syncedCluster(ctx, req.params.cluster);
      const plan = await lockOutCheck(cluster, req.params.set, req.body.params);
      if (plan.lockOut.length > 0 && req.body.confirm !== cluster.name) {
        throw new HttpError(
          "LockOut",
          `applying ${req.params.set} could cut workers off (${plan.lockOut.length} reason${plan.lockOut.length === 1 ? "" : "s"}); type the cluster's name to apply anyway`,
          plan.lockOut.map((message) => ({ path: "confirm", message })),
        );
      }
      const planned = planDocuments(
        cluster,
        await loadDocuments(plan.yaml, cluster.validationTarget),
        req.body.expected,
      );
      return applyPlanned(ctx, cluster, req, planned, false);
    },
  );
};
