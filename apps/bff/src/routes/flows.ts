import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  ClusterParams,
  ErrorBody,
  type Flow,
  FlowDetail,
  FlowList,
  FlowParams,
  FlowQuery,
  type FlowRow,
  type FlowSourceStatus,
  PolicyHitList,
} from "@palisade/contract";
import { Type } from "typebox";
import type { Cluster } from "../clusters/cluster";
import { HttpError } from "../errors";
import { FlowChecker } from "../flows/flow-check";
import { countHits, flowFilter, type PolicyKeyOf } from "../flows/flow-store";
import { policyKeyOf } from "../flows/policy-hits";
import { openEventStream } from "../http/event-stream";
import { type RouteContext, syncedCluster } from "./context";

const BATCH_MS = 1_000;
/** Most flows one stream batch carries (a burst beyond it is cut to the newest). */
const BATCH_MAX = 500;
const StreamQuery = Type.Omit(FlowQuery, ["limit"]);

/**
 * The flows Palisade holds for a cluster (`Flow`s from Goldmane or the demo's source), each beside Palisade's explain
 * of the same packet; their per-rule hit counts; and a live stream of new ones.
 */
export const flowRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const checkers = new WeakMap<Cluster, FlowChecker>();
  const checker = (cluster: Cluster) => {
    let c = checkers.get(cluster);
    if (c === undefined) {
      c = new FlowChecker(cluster);
      checkers.set(cluster, c);
    }
    return c;
  };
  const resolver =
    (cluster: Cluster): PolicyKeyOf =>
    (hit) =>
      hit.policy ?? policyKeyOf(cluster.model.index, hit);
  const row = (cluster: Cluster, flow: Flow): FlowRow => ({ flow, check: checker(cluster).check(flow) });

  app.get(
    "/clusters/:cluster/flows",
    {
      schema: {
        tags: ["flows"],
        params: ClusterParams,
        querystring: FlowQuery,
        response: { 200: FlowList, 400: ErrorBody, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody },
      },
    },
    async ({ params, query }) => {
      const cluster = syncedCluster(ctx, params.cluster);
      const { items, matched } = cluster.flows.store.query(query, resolver(cluster));
      return { source: cluster.flows.status(), items: items.map((f) => row(cluster, f)), matched };
    },
  );

  app.get(
    "/clusters/:cluster/flows/hits",
    {
      schema: {
        tags: ["flows"],
        params: ClusterParams,
        querystring: StreamQuery,
        response: { 200: PolicyHitList, 400: ErrorBody, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody },
      },
    },
    async ({ params, query }) => {
      const cluster = syncedCluster(ctx, params.cluster);
      const resolve = resolver(cluster);
      const test = flowFilter(query, resolve);
      let from: number | undefined;
      let to: number | undefined;
      let flows = 0;
      const counted = function* () {
        for (const flow of cluster.flows.store.newestFirst()) {
          if (!test(flow)) continue;
          flows++;
          if (from === undefined || flow.startTime < from) from = flow.startTime;
          if (to === undefined || flow.endTime > to) to = flow.endTime;
          yield flow;
        }
      };
      const items = countHits(counted(), resolve);
      return {
        source: cluster.flows.status(),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        flows,
        items,
      };
    },
  );

  app.get(
    "/clusters/:cluster/flows/stream",
    {
      schema: {
        tags: ["flows"],
        params: ClusterParams,
        querystring: StreamQuery,
        produces: ["text/event-stream"],
        response: { 400: ErrorBody, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody },
      },
    },
    async (req, reply) => {
      const cluster = syncedCluster(ctx, req.params.cluster);
      const test = flowFilter(req.query, resolver(cluster));
      let pending: Flow[] = [];
      let offAdd = () => {};
      let offStatus = () => {};
      let batch: NodeJS.Timeout | undefined;
      const send = openEventStream(req, reply, () => {
        clearInterval(batch);
        offAdd();
        offStatus();
      });
      if (send === undefined) return;
      batch = setInterval(() => {
        if (pending.length === 0) return;
        // Newest first; a flow updated since it was added (late packets) goes once, as it is now.
        const latest = new Map<string, Flow>();
        for (const f of pending.slice(-BATCH_MAX).reverse()) if (!latest.has(f.id)) latest.set(f.id, f);
        const items = [...latest.values()].map((f) => row(cluster, f));
        pending = [];
        send("flows", { items });
      }, BATCH_MS);
      batch.unref();
      const sendSource = (status: FlowSourceStatus) => send("source", status);
      sendSource(cluster.flows.status());
      offAdd = cluster.flows.store.onAdd((flow) => {
        if (!test(flow)) return;
        pending.push(flow);
        if (pending.length > BATCH_MAX * 2) pending = pending.slice(-BATCH_MAX);
      });
      offStatus = cluster.flows.onStatus(sendSource);
    },
  );

  app.get(
    "/clusters/:cluster/flows/:id",
    {
      schema: {
        tags: ["flows"],
        params: FlowParams,
        response: { 200: FlowDetail, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody },
      },
    },
    async ({ params }) => {
      const cluster = syncedCluster(ctx, params.cluster);
      const flow = cluster.flows.store.get(params.id);
      if (flow === undefined) {
        throw new HttpError("NotFound", `flow ${params.id} is not held (the oldest flows make room for new ones)`);
      }
      return { flow, ...checker(cluster).detail(flow) };
    },
  );
};
