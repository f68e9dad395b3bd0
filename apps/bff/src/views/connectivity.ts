import {
  connectivityDiffSteps,
  type ConnectivityChange as EngineChange,
  type ConnectivityGroup as EngineGroup,
  type ExplainOptions,
  hostEndpointId,
  isPolicyKind,
  resourceKey,
} from "@palisade/calico";
import type { ConnectivityChange, ConnectivityDiff, ConnectivityGroup } from "@palisade/contract";
import { whatIf } from "../cluster-model/what-if";
import type { Cluster } from "../clusters/cluster";
import { type PlannedDocument, plannedChanges } from "../documents/plan";
import { explainOptions } from "./explain";

/**
 * Milliseconds of walking between turns of the event loop. The what-if changes the live model only within one slice,
 * so requests answered between slices (an apply among them) see the live model and wait at most about this long.
 */
const SLICE_MS = 20;

/**
 * Who gains or loses reachability, on which ports, if the planned documents were applied (issue 21's whole-cluster
 * connectivity diff): the calico engine's classes walked on the live index and inside a what-if, a slice at a time
 * (the engine's budget of 100,000 packets per side bounds the whole).
 */
export async function connectivityOf(
  cluster: Cluster,
  planned: readonly PlannedDocument[],
  sliceMs = SLICE_MS,
): Promise<ConnectivityDiff> {
  const changes = plannedChanges(planned);
  const policies = new Set<string>();
  const endpoints: string[] = [];
  for (const d of planned) {
    if (d.action === "unchanged") continue;
    if (isPolicyKind(d.type.resource)) policies.add(resourceKey(d.ref));
    if (d.type.resource === "HostEndpoint") endpoints.push(hostEndpointId(d.ref.name));
    // A tier's order or default action changes how each of its policies is reached.
    if (d.type.resource === "Tier") {
      for (const p of cluster.model.index.policyList()) if (p.tier === d.ref.name) policies.add(p.key);
    }
  }
  // The explainer's options (fabric host endpoints, Services) are read once per side, not for every slice.
  let optionsBefore: ExplainOptions | undefined;
  let optionsAfter: ExplainOptions | undefined;
  const steps = connectivityDiffSteps(
    {
      before: (fn) => {
        optionsBefore ??= explainOptions(cluster, cluster.model);
        return fn({ index: cluster.model.index, options: optionsBefore });
      },
      after: (fn) =>
        whatIf(cluster, changes, (after) => {
          optionsAfter ??= explainOptions(cluster, after);
          return fn({ index: after.index, options: optionsAfter });
        }),
      policies: [...policies],
      endpoints,
    },
    sliceMs,
  );
  let step = steps.next();
  while (step.done !== true) {
    await new Promise((resolve) => setImmediate(resolve));
    step = steps.next();
  }
  const diff = step.value;
  const ipOf = (id: string | undefined) => (id === undefined ? undefined : cluster.model.index.endpoint(id)?.ips[0]);
  return { ...diff, changes: diff.changes.map((c) => toChange(c, ipOf(c.example.peer.endpointId))) };
}

/** The change in the wire's terms; a peer endpoint's example also carries its address, for explain's form. */
function toChange(c: EngineChange, peerIp: string | undefined): ConnectivityChange {
  const hostIngress = c.example.direction === "ingress" && c.example.endpointId.startsWith("hep/");
  return {
    from: toGroup(c.from),
    to: toGroup(c.to),
    protocol: c.protocol,
    ports: c.ports,
    before: c.before,
    after: c.after,
    pairs: c.pairs,
    example: {
      endpoint: c.example.endpointId,
      direction: c.example.direction === "ingress" ? "Ingress" : "Egress",
      peer: {
        ...(c.example.peer.endpointId === undefined ? {} : { endpoint: c.example.peer.endpointId }),
        ...((c.example.peer.ip ?? peerIp) === undefined ? {} : { ip: c.example.peer.ip ?? peerIp }),
      },
      protocol: c.example.protocol,
      ...(c.example.port === undefined ? {} : { port: c.example.port }),
      // The walk sent the packet to the host itself, not through a Service's NodePort.
      ...(hostIngress ? { forwarded: false } : {}),
    },
  };
}

function toGroup(g: EngineGroup): ConnectivityGroup {
  return g.kind === "addresses" ? { kind: "addresses", description: g.description } : { ...g, sample: [...g.sample] };
}
