/**
 * Builds the two ends of a packet from an explain query: the local endpoint and the peer, with the labels and
 * network sets rule selectors see (docs/calico-semantics.md sections 3 and 6).
 */
import type { Endpoint } from "../endpoints/endpoint";
import type { MatchIndex } from "../endpoints/match-index";
import { err, ok, type Result } from "../result";
import { type ParsedIp, parseIp } from "../validate/net";
import { ipInNets, sameIp } from "./ip-match";
import { protocolNumber } from "./protocol";
import type { ExplainError, ExplainQuery } from "./query";
import type { Packet, PacketSide } from "./rule-match";

export interface BuiltPacket {
  /** The packet as normal and forward policy see it. */
  readonly packet: Packet;
  /** The packet as untracked and pre-DNAT policy see it: the original destination when `preDnat` is given. */
  readonly preDnatPacket: Packet;
  readonly endpoint: Endpoint;
  readonly peer: PacketSide;
  /** How the peer was understood: which endpoint and network sets its address belongs to. */
  readonly peerSummary: string;
}

export function buildPacket(index: MatchIndex, q: ExplainQuery): Result<BuiltPacket, ExplainError> {
  const endpoint = index.endpoint(q.endpointId);
  if (endpoint === undefined) return err({ field: "endpointId", message: `no endpoint ${q.endpointId}` });
  const protocol = protocolNumber(q.protocol);
  if (protocol === undefined) return err({ field: "protocol", message: `unknown protocol ${String(q.protocol)}` });
  const localIpText = q.localIp ?? endpoint.ips[0];
  const localIp = localIpText === undefined ? undefined : parseIp(localIpText);
  if (localIpText !== undefined && localIp === undefined)
    return err({ field: "localIp", message: `not an IP address: ${localIpText}` });

  const peerEndpoint = q.peer.endpointId === undefined ? undefined : index.endpoint(q.peer.endpointId);
  if (q.peer.endpointId !== undefined && peerEndpoint === undefined) {
    return err({ field: "peer.endpointId", message: `no endpoint ${q.peer.endpointId}` });
  }
  const peerIpText = q.peer.ip ?? peerEndpoint?.ips[0];
  const peerIp = peerIpText === undefined ? undefined : parseIp(peerIpText);
  if (peerIpText !== undefined && peerIp === undefined)
    return err({ field: "peer.ip", message: `not an IP address: ${peerIpText}` });
  const peerByIp = peerEndpoint ?? (peerIp === undefined ? undefined : endpointWithIp(index, peerIp));
  const peerLabels =
    q.peer.labels !== undefined
      ? new Map(Object.entries(q.peer.labels))
      : peerByIp === undefined
        ? undefined
        : index.effectiveLabels(peerByIp.id);

  const sets = peerIp === undefined ? [] : networkSetsContaining(index, peerIp);
  const peerSummary = [
    `peer ${peerIpText ?? "(no address)"}`,
    peerByIp === undefined ? "not a known endpoint" : `is ${peerByIp.id}`,
    q.peer.labels === undefined ? undefined : "labels as given",
    sets.length === 0 ? undefined : `in network sets ${sets.join(", ")}`,
  ]
    .filter((part) => part !== undefined)
    .join(": ");
  const local: PacketSide = {
    description: endpoint.id,
    ip: localIp,
    labels: index.effectiveLabels(endpoint.id),
    networkSetLabels: [],
    namedPorts: endpoint.namedPorts,
  };
  const peer: PacketSide = {
    description: peerByIp?.id ?? peerIpText ?? "peer",
    ip: peerIp,
    labels: peerLabels,
    networkSetLabels: sets.map((id) => index.effectiveLabels(id) ?? new Map<string, string>()),
    namedPorts: peerByIp?.namedPorts ?? [],
  };
  const withPort = (s: PacketSide, port: number | undefined): PacketSide => ({ ...s, port });
  const packet: Packet =
    q.direction === "ingress"
      ? { protocol, icmp: q.icmp, source: withPort(peer, q.sourcePort), destination: withPort(local, q.port) }
      : { protocol, icmp: q.icmp, source: withPort(local, q.sourcePort), destination: withPort(peer, q.port) };
  if (q.preDnat === undefined || q.direction !== "ingress")
    return ok({ packet, preDnatPacket: packet, endpoint, peer, peerSummary });
  const originalIp = q.preDnat.ip === undefined ? localIp : parseIp(q.preDnat.ip);
  if (originalIp === undefined && q.preDnat.ip !== undefined) {
    return err({ field: "preDnat.ip", message: `not an IP address: ${q.preDnat.ip}` });
  }
  const original: PacketSide = {
    ...local,
    description: q.preDnat.ip ?? local.description,
    ip: originalIp,
    port: q.preDnat.port ?? q.port,
  };
  return ok({ packet, preDnatPacket: { ...packet, destination: original }, endpoint, peer, peerSummary });
}

function endpointWithIp(index: MatchIndex, ip: ParsedIp): Endpoint | undefined {
  for (const ep of index.endpoints()) {
    const match = ep.ips.some((text) => {
      const other = parseIp(text);
      return other !== undefined && sameIp(other, ip);
    });
    if (match) return ep;
  }
  return undefined;
}

function networkSetsContaining(index: MatchIndex, ip: ParsedIp): string[] {
  const out: string[] = [];
  for (const set of index.networkSets()) if (ipInNets(set.nets, ip)) out.push(set.id);
  return out.sort();
}
