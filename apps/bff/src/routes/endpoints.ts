import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  ClusterParams,
  ErrorBody,
  HostEndpointDetail,
  HostEndpointList,
  HostEndpointParams,
  WorkloadEndpointDetail,
  WorkloadEndpointList,
  WorkloadEndpointParams,
  WorkloadEndpointQuery,
} from "@palisade/contract";
import { hostEndpointDetail, hostEndpointList, workloadEndpointDetail, workloadEndpointList } from "../views/endpoints";
import { type RouteContext, syncedCluster } from "./context";

const ERRORS = { 404: ErrorBody, 502: ErrorBody, 503: ErrorBody };

/** Host endpoints and workload endpoints with their labels and, per stage, the ordered policies that apply. */
export const endpointRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  app.get(
    "/clusters/:cluster/hostendpoints",
    { schema: { tags: ["endpoints"], params: ClusterParams, response: { 200: HostEndpointList, ...ERRORS } } },
    async ({ params }) => ({ items: hostEndpointList(syncedCluster(ctx, params.cluster)) }),
  );
  app.get(
    "/clusters/:cluster/hostendpoints/:name",
    { schema: { tags: ["endpoints"], params: HostEndpointParams, response: { 200: HostEndpointDetail, ...ERRORS } } },
    async ({ params }) => hostEndpointDetail(syncedCluster(ctx, params.cluster), params.name),
  );
  app.get(
    "/clusters/:cluster/workloadendpoints",
    {
      schema: {
        tags: ["endpoints"],
        params: ClusterParams,
        querystring: WorkloadEndpointQuery,
        response: { 200: WorkloadEndpointList, ...ERRORS },
      },
    },
    async ({ params, query }) => ({ items: workloadEndpointList(syncedCluster(ctx, params.cluster), query.namespace) }),
  );
  app.get(
    "/clusters/:cluster/workloadendpoints/:namespace/:name",
    {
      schema: {
        tags: ["endpoints"],
        params: WorkloadEndpointParams,
        response: { 200: WorkloadEndpointDetail, ...ERRORS },
      },
    },
    async ({ params }) => workloadEndpointDetail(syncedCluster(ctx, params.cluster), params.namespace, params.name),
  );
};
