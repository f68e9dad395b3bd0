/**
 * Calico's flow aggregator, Goldmane, over gRPC with mutual TLS (goldmane/proto/api.proto, loaded from the generated
 * descriptor of the pinned Calico release). Wire messages use the .proto's own field names; `fromWire` turns a flow into
 * the contract's form.
 */
import * as grpc from "@grpc/grpc-js";
import { fromJSON } from "@grpc/proto-loader";
import type { FlowAction, FlowEndpoint, FlowEndpointType, FlowPolicyHit, FlowPolicyKind } from "@palisade/contract";
import type { NewFlow } from "./flow-store";
import { GOLDMANE_API } from "./goldmane-api.gen";

/** A `PolicyHit` on the wire (enums as their names, int64 as numbers). */
export interface WirePolicyHit {
  kind: string;
  namespace: string;
  name: string;
  tier: string;
  action: string;
  policy_index: number;
  rule_index: number;
  trigger: WirePolicyHit | null;
}

export interface WireFlow {
  Key: {
    source_name: string;
    source_namespace: string;
    source_type: string;
    dest_name: string;
    dest_namespace: string;
    dest_type: string;
    dest_port: number;
    dest_service_name: string;
    dest_service_namespace: string;
    dest_service_port_name: string;
    dest_service_port: number;
    proto: string;
    reporter: string;
    action: string;
    policies: { enforced_policies: WirePolicyHit[]; pending_policies: WirePolicyHit[] } | null;
  } | null;
  start_time: number;
  end_time: number;
  source_labels: string[];
  dest_labels: string[];
  packets_in: number;
  packets_out: number;
  bytes_in: number;
  bytes_out: number;
  num_connections_started: number;
  num_connections_completed: number;
  num_connections_live: number;
}

// The generated descriptor is protobuf.js's own JSON form (Root.toJSON), which fromJSON reads back.
const definition = fromJSON(GOLDMANE_API as Parameters<typeof fromJSON>[0], {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
});

function method(
  service: "Flows" | "FlowCollector" | "Statistics",
  name: string,
): grpc.MethodDefinition<object, object> {
  const found = (definition[`goldmane.${service}`] as grpc.ServiceDefinition | undefined)?.[name];
  if (found === undefined) throw new Error(`goldmane.${service}/${name} is not in the generated descriptor`);
  return found as grpc.MethodDefinition<object, object>;
}

/** The client side of Goldmane's mTLS: PEM bytes, and the name its certificate carries when it is not the address's. */
export interface GoldmaneTls {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly serverName?: string | undefined;
}

/** A gRPC channel to Goldmane. Throws with the reason when the PEM material cannot be used. */
export function goldmaneChannel(address: string, tls: GoldmaneTls): grpc.Client {
  const credentials = grpc.credentials.createSsl(tls.ca, tls.key, tls.cert);
  const options: grpc.ChannelOptions =
    tls.serverName === undefined
      ? {}
      : { "grpc.ssl_target_name_override": tls.serverName, "grpc.default_authority": tls.serverName };
  return new grpc.Client(address, credentials, { ...options, "grpc.max_receive_message_length": 64 * 1024 * 1024 });
}

/**
 * `Flows.Stream` from `startTimeGte` (seconds; negative is relative to now): Goldmane first replays the completed
 * aggregation intervals since then, then sends each interval as it completes. Returns the call, to cancel.
 */
export function streamFlows(
  channel: grpc.Client,
  startTimeGte: number,
  handlers: { onFlow: (flow: WireFlow) => void; onEnd: (error: grpc.ServiceError | undefined) => void },
): grpc.ClientReadableStream<object> {
  const m = method("Flows", "Stream");
  const call = channel.makeServerStreamRequest(m.path, m.requestSerialize, m.responseDeserialize, {
    start_time_gte: startTimeGte,
  });
  let ended = false;
  const end = (error: grpc.ServiceError | undefined) => {
    if (ended) return;
    ended = true;
    handlers.onEnd(error);
  };
  call.on("data", (result: { flow: WireFlow | null }) => {
    if (result.flow !== null) handlers.onFlow(result.flow);
  });
  call.on("error", (e: grpc.ServiceError) => end(e));
  call.on("end", () => end(undefined));
  return call;
}

/** `Flows.List` over `[startTimeGte, startTimeLt)` (Unix seconds): each flow key's totals over that range. */
export function listFlows(channel: grpc.Client, startTimeGte: number, startTimeLt: number): Promise<WireFlow[]> {
  const m = method("Flows", "List");
  return new Promise((resolve, reject) => {
    channel.makeUnaryRequest(
      m.path,
      m.requestSerialize,
      m.responseDeserialize,
      { start_time_gte: startTimeGte, start_time_lt: startTimeLt },
      (error, result) => {
        if (error) reject(error);
        else
          resolve(
            ((result as { flows?: { flow: WireFlow | null }[] } | undefined)?.flows ?? []).flatMap((r) =>
              r.flow === null ? [] : [r.flow],
            ),
          );
      },
    );
  });
}

/** `FlowCollector.Connect`, as a node's Felix uses it: a duplex stream of FlowUpdate out and FlowReceipt back. */
export function collectorStream(channel: grpc.Client): grpc.ClientDuplexStream<object, object> {
  const m = method("FlowCollector", "Connect");
  return channel.makeBidiStreamRequest(m.path, m.requestSerialize, m.responseDeserialize);
}

/** `Statistics.List`: every result, once the stream ends. */
export function listStatistics(channel: grpc.Client, request: object): Promise<object[]> {
  const m = method("Statistics", "List");
  return new Promise((resolve, reject) => {
    const results: object[] = [];
    const call = channel.makeServerStreamRequest(m.path, m.requestSerialize, m.responseDeserialize, request);
    call.on("data", (r: object) => results.push(r));
    call.on("error", reject);
    call.on("end", () => resolve(results));
  });
}

const ENDPOINT_TYPES: Record<string, FlowEndpointType> = {
  WorkloadEndpoint: "wep",
  HostEndpoint: "hep",
  NetworkSet: "networkset",
  Network: "network",
};

const ACTIONS: ReadonlySet<string> = new Set<FlowAction>(["Allow", "Deny", "Pass"]);
const POLICY_KINDS: ReadonlySet<string> = new Set<FlowPolicyKind>([
  "CalicoNetworkPolicy",
  "GlobalNetworkPolicy",
  "StagedNetworkPolicy",
  "StagedGlobalNetworkPolicy",
  "StagedKubernetesNetworkPolicy",
  "NetworkPolicy",
  "AdminNetworkPolicy",
  "BaselineAdminNetworkPolicy",
  "Profile",
  "EndOfTier",
]);

/** Goldmane's `key=value` label strings as a map. */
function labels(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf("=");
    if (eq > 0) out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** Felix writes `-` for a field it leaves out (flowlog `FieldNotIncluded`): a host endpoint's namespace, no Service. */
const given = (field: string) => field !== "" && field !== "-";

function endpoint(type: string, name: string, namespace: string, labelList: readonly string[]): FlowEndpoint {
  return {
    type: ENDPOINT_TYPES[type] ?? "network",
    name,
    ...(given(namespace) ? { namespace } : {}),
    labels: labels(labelList),
  };
}

function ref(w: WirePolicyHit) {
  return {
    kind: (POLICY_KINDS.has(w.kind) ? w.kind : "Profile") as FlowPolicyKind,
    tier: w.tier,
    name: w.name,
    ...(w.namespace === "" ? {} : { namespace: w.namespace }),
  };
}

function hit(w: WirePolicyHit): FlowPolicyHit | undefined {
  if (!ACTIONS.has(w.action)) return undefined;
  return {
    ...ref(w),
    action: w.action as FlowAction,
    policyIndex: Math.max(0, w.policy_index),
    ruleIndex: Math.max(-1, w.rule_index),
    ...(w.trigger === null ? {} : { trigger: ref(w.trigger) }),
  };
}

const hits = (list: readonly WirePolicyHit[] | undefined) =>
  (list ?? []).flatMap((w) => {
    const h = hit(w);
    return h === undefined ? [] : [h];
  });

/** A Goldmane flow in the contract's form; undefined for one without a key or a known action. */
export function fromWire(w: WireFlow): NewFlow | undefined {
  const k = w.Key;
  if (k === null || !ACTIONS.has(k.action)) return undefined;
  return {
    startTime: w.start_time,
    endTime: w.end_time,
    source: endpoint(k.source_type, k.source_name, k.source_namespace, w.source_labels),
    destination: endpoint(k.dest_type, k.dest_name, k.dest_namespace, w.dest_labels),
    protocol: k.proto,
    port: Math.min(65535, Math.max(0, k.dest_port)),
    ...(!given(k.dest_service_name)
      ? {}
      : {
          service: {
            namespace: k.dest_service_namespace,
            name: k.dest_service_name,
            ...(given(k.dest_service_port_name) ? { portName: k.dest_service_port_name } : {}),
            ...(k.dest_service_port > 0 ? { port: k.dest_service_port } : {}),
          },
        }),
    reporter: k.reporter === "Src" ? "Src" : "Dst",
    action: k.action as FlowAction,
    enforced: hits(k.policies?.enforced_policies),
    pending: hits(k.policies?.pending_policies),
    packetsIn: w.packets_in,
    packetsOut: w.packets_out,
    bytesIn: w.bytes_in,
    bytesOut: w.bytes_out,
    connectionsStarted: w.num_connections_started,
    connectionsCompleted: w.num_connections_completed,
    connectionsLive: w.num_connections_live,
  };
}
