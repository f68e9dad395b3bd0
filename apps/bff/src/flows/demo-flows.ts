/**
 * The demo cluster's own flow source: traffic a small shop on an IBM Cloud classic cluster would see (every pod calling
 * every Service port it could), with each flow's verdict and policy hits decided by Palisade's explain on the live
 * model, so the Flows view shows what the demo's policies do, and changes when they change. Flows are emitted as
 * Goldmane emits them: one record per flow key per aggregation interval, by the reporting end (`Dst` ingress, and `Src`
 * egress when the source is a pod). Nothing is reported where a host endpoint is the local end (the internet knocking
 * on a worker's public interface): Felix's collector drops those (v3.31.0 felix/collector/collector.go, "Ignore HEP
 * reporters"), so a real cluster's Flows view never shows them either.
 */
import { type Endpoint, type Random, seededRandom } from "@palisade/calico";
import type { ExplainRequest, ExplainResult, FlowEndpoint } from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { HttpError } from "../errors";
import { explainOn } from "../views/explain";
import { aggregatedPodName } from "./flow-check";
import type { FlowStore, NewFlow } from "./flow-store";
import { hitsOfTrace, localOutcome } from "./policy-hits";

/** The demo's aggregation interval (seconds): Goldmane's default is 15 (`AGGREGATION_WINDOW`); 5 keeps the live view lively. */
export const DEMO_INTERVAL_S = 5;
/** How far back the demo's history reaches when it starts. */
const BACKFILL_INTERVALS = 120;

/** A connection the demo's workloads attempt, before policy decides. */
interface Attempt {
  readonly source: FlowEndpoint;
  readonly destination: FlowEndpoint;
  readonly protocol: string;
  readonly port: number;
  readonly service?: NewFlow["service"];
  /** The reporting ends' packets: the source pod's egress and the destination pod's ingress. */
  readonly egress: ExplainRequest;
  readonly ingress: ExplainRequest;
  /** How often per interval, 0..1. */
  readonly rate: number;
}

function flowEndpoint(ep: Endpoint, generateName: string | undefined): FlowEndpoint {
  const labels = Object.fromEntries([...ep.ownLabels].filter(([k]) => !k.startsWith("projectcalico.org/")));
  return { type: "wep", name: aggregatedPodName(ep.name, generateName), namespace: ep.namespace ?? "", labels };
}

/** Every attempt the demo's workloads make now: each pod to each Service port backed by another pod. */
function attempts(cluster: Cluster): Attempt[] {
  const index = cluster.model.index;
  const generateNames = new Map<string, string | undefined>();
  for (const pod of cluster.objects("Pod")) {
    const g = pod.metadata.generateName;
    generateNames.set(
      `wep/${pod.metadata.namespace ?? ""}/${pod.metadata.name}`,
      typeof g === "string" ? g : podTemplate(pod.metadata.name, pod.metadata.labels),
    );
  }
  const pods = [...index.endpoints()].filter((e) => e.kind === "workload").sort((a, b) => a.id.localeCompare(b.id));
  const out: Attempt[] = [];
  for (const svc of cluster.objects("Service")) {
    const spec = (svc.spec ?? {}) as {
      selector?: Record<string, string>;
      ports?: readonly { name?: string; port: number; protocol?: string; targetPort?: number | string }[];
    };
    const selector = spec.selector;
    if (selector === undefined) continue;
    const backends = pods.filter(
      (p) =>
        p.namespace === svc.metadata.namespace && Object.entries(selector).every(([k, v]) => p.ownLabels.get(k) === v),
    );
    const backend = backends[0];
    if (backend === undefined) continue;
    for (const port of spec.ports ?? []) {
      const target = typeof port.targetPort === "number" ? port.targetPort : port.port;
      const protocol = port.protocol ?? "TCP";
      for (const client of pods) {
        if (backends.includes(client)) continue;
        const ingress: ExplainRequest = {
          endpoint: backend.id,
          direction: "Ingress",
          peer: { endpoint: client.id },
          protocol,
          port: target,
        };
        const egress: ExplainRequest = {
          endpoint: client.id,
          direction: "Egress",
          peer: { endpoint: backend.id },
          protocol,
          port: target,
        };
        out.push({
          source: flowEndpoint(client, generateNames.get(client.id)),
          destination: flowEndpoint(backend, generateNames.get(backend.id)),
          protocol,
          port: target,
          service: {
            namespace: svc.metadata.namespace ?? "",
            name: svc.metadata.name,
            ...(port.name === undefined ? {} : { portName: port.name }),
            port: port.port,
          },
          egress,
          ingress,
          rate: protocol === "UDP" ? 0.9 : 0.45,
        });
      }
    }
  }
  return out;
}

/** A Deployment's pod `x-<hash>-<id>` (label `pod-template-hash`) was generated from `x-<hash>-`. */
function podTemplate(name: string, labels: Record<string, string> | undefined): string | undefined {
  const hash = labels?.["pod-template-hash"];
  if (hash === undefined) return undefined;
  const at = name.indexOf(`-${hash}-`);
  return at < 0 ? undefined : name.slice(0, at + hash.length + 2);
}

/** The walk and what the asking endpoint's own chain did; undefined when that is undetermined. */
function explained(
  cluster: Cluster,
  req: ExplainRequest,
): { result: ExplainResult; verdict: "allow" | "deny" } | undefined {
  try {
    const result = explainOn(cluster, cluster.model, req);
    const { verdict } = localOutcome(result, req.endpoint);
    return verdict === "undetermined" ? undefined : { result, verdict };
  } catch (e) {
    if (e instanceof HttpError) return undefined;
    throw e;
  }
}

/** The flow records one attempt makes in one interval: Felix reports at the source pod and, if it got there, at the destination. */
function recordsOf(cluster: Cluster, a: Attempt, start: number, random: Random): NewFlow[] {
  const connections = 1 + random.int(20);
  const record = (
    reporter: "Src" | "Dst",
    { result, verdict }: { result: ExplainResult; verdict: "allow" | "deny" },
    endpoint: string,
  ): NewFlow => {
    const allowed = verdict === "allow";
    const packets = connections * (allowed ? 6 + random.int(40) : 1 + random.int(2));
    return {
      startTime: start,
      endTime: start + DEMO_INTERVAL_S,
      source: a.source,
      destination: a.destination,
      protocol: a.protocol,
      port: a.port,
      ...(a.service === undefined ? {} : { service: a.service }),
      reporter,
      action: allowed ? "Allow" : "Deny",
      ...hitsOfTrace(result, endpoint),
      packetsIn: allowed ? Math.floor(packets / 2) : 0,
      packetsOut: allowed ? Math.ceil(packets / 2) : packets,
      bytesIn: allowed ? packets * 420 : 0,
      bytesOut: packets * (allowed ? 180 : 60),
      connectionsStarted: connections,
      connectionsCompleted: allowed && a.protocol === "TCP" ? connections : 0,
      connectionsLive: 0,
    };
  };
  const out: NewFlow[] = [];
  const src = explained(cluster, a.egress);
  if (src === undefined) return [];
  out.push(record("Src", src, a.egress.endpoint));
  if (src.verdict === "deny") return out;
  const dst = explained(cluster, a.ingress);
  if (dst !== undefined) out.push(record("Dst", dst, a.ingress.endpoint));
  return out;
}

/**
 * Runs the demo's flow source into `store`: a backfill of the last intervals, then one interval of flows every
 * `intervalMs`. Returns the stop function.
 */
export function startDemoFlows(
  cluster: Cluster,
  store: FlowStore,
  options: { intervalMs?: number; seed?: number; now?: () => number } = {},
): () => void {
  const random = seededRandom(options.seed ?? 7);
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  let cache: { generation: number; attempts: Attempt[]; records: Map<Attempt, NewFlow[]> } | undefined;
  const emit = (start: number) => {
    if (cache?.generation !== cluster.generation) {
      cache = { generation: cluster.generation, attempts: attempts(cluster), records: new Map() };
    }
    for (const a of cache.attempts) {
      if (random.next() >= a.rate) continue;
      // The verdict depends only on the policies: walk once per cache state, vary the counters per interval.
      let template = cache.records.get(a);
      if (template === undefined) {
        template = recordsOf(cluster, a, 0, random);
        cache.records.set(a, template);
      }
      for (const t of template) {
        const scale = 0.5 + random.next();
        store.add({
          ...t,
          startTime: start,
          endTime: start + DEMO_INTERVAL_S,
          packetsIn: Math.round(t.packetsIn * scale),
          packetsOut: Math.max(1, Math.round(t.packetsOut * scale)),
          bytesIn: Math.round(t.bytesIn * scale),
          bytesOut: Math.round(t.bytesOut * scale),
          connectionsStarted: Math.max(1, Math.round(t.connectionsStarted * scale)),
          connectionsCompleted: Math.round(t.connectionsCompleted * scale),
        });
      }
    }
  };
  let last = now() - (now() % DEMO_INTERVAL_S);
  let stopped = false;
  const begin = () => {
    if (stopped) return;
    for (let i = BACKFILL_INTERVALS; i >= 1; i--) emit(last - i * DEMO_INTERVAL_S);
  };
  const tick = () => {
    if (stopped || !cluster.ready) return;
    const current = now() - (now() % DEMO_INTERVAL_S);
    // Intervals that completed since the last tick (at most the backfill's worth after a pause).
    for (let t = Math.max(last, current - BACKFILL_INTERVALS * DEMO_INTERVAL_S); t < current; t += DEMO_INTERVAL_S)
      emit(t);
    last = Math.max(last, current);
  };
  let started = false;
  const timer = setInterval(() => {
    if (!started && cluster.ready) {
      started = true;
      begin();
    }
    if (started) tick();
  }, options.intervalMs ?? 1000);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
