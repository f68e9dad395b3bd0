/**
 * Builds the two ends of a packet from an explain query: the local endpoint and the peer, with the labels and
 * network sets rule selectors see (docs/calico-semantics.md sections 3 and 6).
 *
 * Felix compiles a rule's `selector` into an IP set of the addresses of the endpoints (and the nets of the network
 * sets) it selects, and matches the packet's address against it (felix/labelindex/named_port_index.go: a host
 * endpoint contributes its expectedIPs, a workload endpoint its pod IPs, a network set its nets). So each end of the packet carries the labels of
 * whatever owns its address at that point of the walk: before DNAT a NodePort's destination is the node's address
 * (its host endpoint) and a load balancer IP is nobody's; after DNAT the destination is the pod.
 */
import type { Endpoint } from "../endpoints/endpoint";
import type { MatchIndex } from "../endpoints/match-index";
import { err, ok, type Result } from "../result";
import { type ParsedIp, parseIp } from "../validate/net";
import { ipInNets, sameIp } from "./ip-match";
import { protocolNumber } from "./protocol";
import type { ExplainError, ExplainQuery, Masquerade } from "./query";
import type { Packet, PacketSide } from "./rule-match";

/** The pod a forwarded packet reaches (after DNAT, or routed to its address), and the packet its policy sees. */
export interface PodLeg {
  readonly endpoint: Endpoint;
  readonly packet: Packet;
  /** kube-proxy translated the destination to this pod (`dnat`), rather than the packet being routed to it. */
  readonly translated: boolean;
  /** The source as the pod's node sees it, when kube-proxy masqueraded it (the pod is on another node). */
  readonly masquerade?: Masquerade | undefined;
}

export interface BuiltPacket {
  /** The packet as the endpoint's normal and forward policy see it (after DNAT: to the pod). */
  readonly packet: Packet;
  /** The packet as untracked and pre-DNAT policy see it: the original destination when `preDnat` is given. */
  readonly preDnatPacket: Packet;
  readonly endpoint: Endpoint;
  readonly peer: PacketSide;
  /** The endpoint that owns the peer's address (or the one named), if any. */
  readonly peerEndpoint?: Endpoint | undefined;
  /** How the peer was understood: which endpoint and network sets its address belongs to. */
  readonly peerSummary: string;
  /** Set when the packet is forwarded to a pod: DNATed to it, or routed to its address. */
  readonly pod?: PodLeg | undefined;
}

export function buildPacket(index: MatchIndex, q: ExplainQuery): Result<BuiltPacket, ExplainError> {
  const endpoint = index.endpoint(q.endpointId);
  if (endpoint === undefined) return err({ field: "endpointId", message: `no endpoint ${q.endpointId}` });
  const protocol = protocolNumber(q.protocol);
  if (protocol === undefined) return err({ field: "protocol", message: `unknown protocol ${String(q.protocol)}` });
  if (q.dnat !== undefined && (q.direction !== "ingress" || endpoint.kind !== "host")) {
    return err({ field: "dnat", message: "kube-proxy's DNAT applies to packets coming in through a host endpoint" });
  }
  const localIpText = q.localIp ?? endpoint.ips[0];
  const localIp = parseOptionalIp(localIpText, "localIp");
  if (!localIp.ok) return localIp;

  const peerEndpoint = q.peer.endpointId === undefined ? undefined : index.endpoint(q.peer.endpointId);
  if (q.peer.endpointId !== undefined && peerEndpoint === undefined) {
    return err({ field: "peer.endpointId", message: `no endpoint ${q.peer.endpointId}` });
  }
  const peerIpText = q.peer.ip ?? peerEndpoint?.ips[0];
  const peerIp = parseOptionalIp(peerIpText, "peer.ip");
  if (!peerIp.ok) return peerIp;
  const peerByIp = peerEndpoint ?? (peerIp.value === undefined ? undefined : index.endpointWithIp(peerIp.value));
  const peerSets = peerIp.value === undefined ? [] : networkSetsContaining(index, peerIp.value);
  if (q.peer.localHost === true && endpoint.node === undefined) {
    return err({ field: "peer.localHost", message: `${endpoint.id} has no node, so it has no host of its own` });
  }
  const peerSummary = [
    `peer ${peerIpText ?? "(no address)"}`,
    q.peer.localHost === true
      ? `the host of node ${endpoint.node} itself`
      : peerByIp === undefined
        ? "not a known endpoint"
        : `is ${peerByIp.id}`,
    q.peer.unknown,
    q.peer.labels === undefined ? undefined : "labels as given",
    peerSets.length === 0 ? undefined : `in network sets ${peerSets.join(", ")}`,
  ]
    .filter((part) => part !== undefined)
    .join(": ");
  const peer: PacketSide = {
    description: peerByIp?.id ?? peerIpText ?? "peer",
    ip: peerIp.value,
    labels:
      q.peer.labels !== undefined
        ? new Map(Object.entries(q.peer.labels))
        : peerByIp === undefined
          ? undefined
          : index.effectiveLabels(peerByIp.id),
    networkSetLabels: setLabels(index, peerSets),
    namedPorts: peerByIp?.namedPorts ?? [],
    unknown: q.peer.unknown,
  };
  // Ingress: the peer sends to the local end; egress: the local end sends to the peer's `port`.
  const toward = (localSide: PacketSide, source: PacketSide = peer): Packet =>
    q.direction === "ingress"
      ? { protocol, icmp: q.icmp, source: { ...source, port: q.sourcePort }, destination: localSide }
      : {
          protocol,
          icmp: q.icmp,
          source: { ...localSide, port: q.sourcePort },
          destination: { ...peer, port: q.port },
        };
  const local = addressSide(index, localIpText, localIp.value, endpoint, q.port);
  const packet = toward(local);
  // Forwarded through a host endpoint to a pod's own address: the pod's policy applies too (§4).
  const routedTo =
    q.dnat === undefined && q.direction === "ingress" && q.forwarded === true && endpoint.kind === "host"
      ? localIp.value === undefined
        ? undefined
        : index.endpointWithIp(localIp.value)
      : undefined;
  const pod = routedTo?.kind === "workload" ? { endpoint: routedTo, packet, translated: false } : undefined;
  if (q.direction !== "ingress" || (q.preDnat === undefined && q.dnat === undefined)) {
    return ok({ packet, preDnatPacket: packet, endpoint, peer, peerEndpoint: peerByIp, peerSummary, pod });
  }
  const originalIpText = q.preDnat?.ip ?? localIpText;
  const originalIp = parseOptionalIp(originalIpText, "preDnat.ip");
  if (!originalIp.ok) return originalIp;
  const original = addressSide(index, originalIpText, originalIp.value, endpoint, q.preDnat?.port ?? q.port);
  const preDnatPacket = toward(original);
  if (q.dnat === undefined)
    return ok({ packet, preDnatPacket, endpoint, peer, peerEndpoint: peerByIp, peerSummary, pod });

  const podEndpoint = index.endpoint(q.dnat.endpointId);
  if (podEndpoint === undefined) return err({ field: "dnat.endpointId", message: `no endpoint ${q.dnat.endpointId}` });
  if (podEndpoint.kind !== "workload") {
    return err({ field: "dnat.endpointId", message: `${q.dnat.endpointId} is not a workload endpoint (pod)` });
  }
  const podIpText = q.dnat.ip ?? podEndpoint.ips[0];
  const podIp = parseOptionalIp(podIpText, "dnat.ip");
  if (!podIp.ok) return podIp;
  const podSide = addressSide(index, podIpText, podIp.value, podEndpoint, q.dnat.port ?? q.port);
  const translated = toward(podSide);
  const masquerade = q.dnat.masquerade;
  const masqueradeIp = parseOptionalIp(masquerade?.ip, "dnat.masquerade.ip");
  if (!masqueradeIp.ok) return masqueradeIp;
  const masqueraded: PacketSide | undefined =
    masquerade === undefined
      ? undefined
      : masqueradeIp.value === undefined
        ? {
            description: "the masquerade address",
            networkSetLabels: [],
            namedPorts: [],
            unknown: `the source is masqueraded to ${masquerade.via}, an address explain does not know`,
          }
        : addressSide(index, masquerade.ip, masqueradeIp.value, undefined, undefined);
  return ok({
    packet: translated,
    preDnatPacket,
    endpoint,
    peer,
    peerEndpoint: peerByIp,
    peerSummary,
    pod: {
      endpoint: podEndpoint,
      packet: masqueraded === undefined ? translated : toward(podSide, masqueraded),
      masquerade,
      translated: true,
    },
  });
}

/**
 * The packet with another source address (the host's own packet leaving by a tunnel device takes its address), or,
 * with no address, a source rules cannot decide on (`unknown` says why).
 */
export function withSource(index: MatchIndex, packet: Packet, ip: string | undefined, unknown: string): Packet {
  const parsed = ip === undefined ? undefined : parseIp(ip);
  const source: PacketSide =
    parsed === undefined
      ? { description: "the tunnel address", networkSetLabels: [], namedPorts: [], unknown }
      : addressSide(index, ip, parsed, undefined, undefined);
  return { ...packet, source: { ...source, port: packet.source.port } };
}

function parseOptionalIp(text: string | undefined, field: string): Result<ParsedIp | undefined, ExplainError> {
  if (text === undefined) return ok(undefined);
  const ip = parseIp(text);
  return ip === undefined ? err({ field, message: `not an IP address: ${text}` }) : ok(ip);
}

/**
 * One end of the packet at an address: the labels of the endpoint that owns it (`self` when it owns the address, or
 * when there is no address to go by) and of the network sets containing it.
 */
function addressSide(
  index: MatchIndex,
  text: string | undefined,
  ip: ParsedIp | undefined,
  self: Endpoint | undefined,
  port: number | undefined,
): PacketSide {
  const owner = ip === undefined ? self : self !== undefined && owns(self, ip) ? self : index.endpointWithIp(ip);
  return {
    description: owner === undefined ? (text ?? "(no address)") : text === undefined ? owner.id : `${owner.id} ${text}`,
    ip,
    port,
    labels: owner === undefined ? undefined : index.effectiveLabels(owner.id),
    networkSetLabels: ip === undefined ? [] : setLabels(index, networkSetsContaining(index, ip)),
    namedPorts: owner?.namedPorts ?? [],
  };
}

function owns(ep: Endpoint, ip: ParsedIp): boolean {
  return ep.ips.some((text) => {
    const other = parseIp(text);
    return other !== undefined && sameIp(other, ip);
  });
}

function networkSetsContaining(index: MatchIndex, ip: ParsedIp): string[] {
  const out: string[] = [];
  for (const set of index.networkSets()) if (ipInNets(set.nets, ip)) out.push(set.id);
  return out.sort();
}

function setLabels(index: MatchIndex, ids: readonly string[]): ReadonlyMap<string, string>[] {
  return ids.map((id) => index.effectiveLabels(id) ?? new Map<string, string>());
}
