import {
  connectivityDiff,
  type ConnectivityChange as EngineChange,
  type ConnectivityGroup as EngineGroup,
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
 * Packets walked on each side of a change at most. The walk runs on the event loop (the what-if changes the live
 * model, so it cannot yield): 5,000 keeps it to a few hundred milliseconds, so an apply sent meanwhile is not held
 * up (at 20,000 the policy-set page's apply waited seconds behind it). Beyond it the diff says it is incomplete.
 */
const MAX_PROBES = 5_000;

/**
 * Who gains or loses reachability, on which ports, if the planned documents were applied (issue 21's whole-cluster
 * connectivity diff): the calico engine's classes walked on the live index and inside a what-if.
 */
export function connectivityOf(cluster: Cluster, planned: readonly PlannedDocument[]): ConnectivityDiff {
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
  const diff = connectivityDiff({
    before: (fn) => fn({ index: cluster.model.index, options: explainOptions(cluster, cluster.model) }),
    after: (fn) =>
      whatIf(cluster, changes, (after) => fn({ index: after.index, options: explainOptions(cluster, after) })),
    policies: [...policies],
    endpoints,
    maxProbes: MAX_PROBES,
  });
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
