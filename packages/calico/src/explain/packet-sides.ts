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

export function buildPacket(
  index: MatchIndex,
  q: ExplainQuery,
): Result<{ packet: Packet; endpoint: Endpoint; local: PacketSide; peer: PacketSide }, ExplainError> {
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
    networkSetLabels: peerIp === undefined ? [] : networkSetLabelsFor(index, peerIp),
    namedPorts: peerByIp?.namedPorts ?? [],
  };
  const withPort = (s: PacketSide, port: number | undefined): PacketSide => ({ ...s, port });
  const packet: Packet =
    q.direction === "ingress"
      ? { protocol, icmp: q.icmp, source: withPort(peer, q.sourcePort), destination: withPort(local, q.port) }
      : { protocol, icmp: q.icmp, source: withPort(local, q.sourcePort), destination: withPort(peer, q.port) };
  return ok({ packet, endpoint, local, peer });
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

function networkSetLabelsFor(index: MatchIndex, ip: ParsedIp): ReadonlyMap<string, string>[] {
  const out: ReadonlyMap<string, string>[] = [];
  for (const set of index.networkSets()) {
    if (!ipInNets(set.nets, ip)) continue;
    const labels = index.effectiveLabels(set.id);
    if (labels !== undefined) out.push(labels);
  }
  return out;
}
