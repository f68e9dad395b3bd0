/**
 * Does one rule match one packet? Every match field of a v3 rule (docs/calico-semantics.md section 5 names them):
 * ipVersion, protocol/notProtocol, icmp/notICMP, and per side nets/notNets, selector/notSelector (already rewritten
 * with namespaceSelector and serviceAccounts, section 3), ports/notPorts with named ports, and services (the IP sets
 * of the Service's EndpointSlices, services.ts). The answer carries the
 * first field that failed, so a trace can say why a rule was skipped, or, when the answer depends on something explain
 * does not know (an end whose address is not known, a field it does not model), that the match is `unknown` and why.
 */
import type { CompiledRule } from "../endpoints/compiled-policy";
import type { NamedPort } from "../endpoints/endpoint";
import type { EntityRule, ICMPFields } from "../model/rule";
import type { Selector } from "../selector/selector";
import type { ParsedIp } from "../validate/net";
import { ipInNets } from "./ip-match";
import { namedPortOfOtherProtocol, portMatches } from "./ports";
import { protocolName, protocolNumber } from "./protocol";
import { hasAddress, hasIpPort, type ServiceIndex, serviceKey } from "./services";

/** One end of the packet as rules see it. */
export interface PacketSide {
  /** How the trace names this end, e.g. `hep/w1-public` or `203.0.113.7`. */
  readonly description: string;
  readonly ip?: ParsedIp | undefined;
  readonly port?: number | undefined;
  /** Effective labels when this end is an endpoint (or labels the user gave for the peer). */
  readonly labels?: ReadonlyMap<string, string> | undefined;
  /** Labels of the network sets whose nets contain `ip`: rule selectors match those too. */
  readonly networkSetLabels: readonly ReadonlyMap<string, string>[];
  readonly namedPorts: readonly NamedPort[];
  /**
   * Why the address (and so the labels and port) rules see at this end is not known, e.g. a ClusterIP kube-proxy
   * translates to a pod chosen at random: any rule that tests this end cannot be decided.
   */
  readonly unknown?: string | undefined;
}

export interface Packet {
  readonly protocol: number;
  readonly icmp?: ICMPFields | undefined;
  readonly source: PacketSide;
  readonly destination: PacketSide;
}

/** `unknown`: whether the rule matches depends on something explain does not know (`reason` says what). */
export type RuleMatch =
  | { readonly matched: true }
  | { readonly matched: false; readonly unknown?: undefined; readonly reason: string }
  | { readonly matched: false; readonly unknown: true; readonly reason: string };

const MATCHED: RuleMatch = { matched: true };
const miss = (reason: string): RuleMatch => ({ matched: false, reason });
const unknown = (reason: string): RuleMatch => ({ matched: false, unknown: true, reason });

/** Protocols whose packets carry ports (TCP, UDP, SCTP, UDPLite). */
const PORTED = new Set([6, 17, 132, 136]);

/** Where a rule is matched: its policy's namespace (a `services` match defaults to it) and the Services' members. */
export interface RuleScope {
  /** Empty for global policies and profiles. */
  readonly namespace: string;
  /** Undefined when the caller does not know the EndpointSlices: a `services` match cannot be decided. */
  readonly services?: ServiceIndex | undefined;
}

export function matchRule(r: CompiledRule, packet: Packet, scope: RuleScope = { namespace: "" }): RuleMatch {
  const rule = r.rule;
  if (rule.ipVersion !== undefined) {
    const family = packet.source.ip?.version ?? packet.destination.ip?.version;
    if (family === undefined) return miss(`ipVersion ${rule.ipVersion} needs an IP address`);
    if (family !== rule.ipVersion) return miss(`ipVersion ${rule.ipVersion}, packet is IPv${family}`);
  }
  if (rule.protocol !== undefined && protocolNumber(rule.protocol) !== packet.protocol) {
    return miss(`protocol ${rule.protocol}, packet is ${protocolName(packet.protocol)}`);
  }
  if (rule.notProtocol !== undefined && protocolNumber(rule.notProtocol) === packet.protocol) {
    return miss(`notProtocol ${rule.notProtocol}`);
  }
  if (rule.icmp !== undefined && !icmpMatches(rule.icmp, packet.icmp)) return miss("icmp type/code differ");
  if (rule.notICMP !== undefined && icmpMatches(rule.notICMP, packet.icmp)) return miss("notICMP type/code match");
  const src = matchSide("source", rule.source, r.source, packet.source, packet.protocol, scope);
  if (!src.matched && src.unknown === undefined) return src;
  const dst = matchSide("destination", rule.destination, r.destination, packet.destination, packet.protocol, scope);
  // A definite miss on either side decides; only then does an unknown side leave the answer open.
  if (!dst.matched && dst.unknown === undefined) return dst;
  if (!src.matched) return src;
  if (!dst.matched) return dst;
  if (rule.http !== undefined) {
    // Felix's iptables rule ignores `http`; the application layer (Dikastes/Envoy) matches the request itself.
    return unknown(
      "http (methods/paths) is matched on the HTTP request by application layer policy, which explain does not model",
    );
  }
  return MATCHED;
}

function icmpMatches(want: ICMPFields, got: ICMPFields | undefined): boolean {
  if (want.type !== undefined && want.type !== got?.type) return false;
  return want.code === undefined || want.code === got?.code;
}

function matchSide(
  name: "source" | "destination",
  er: EntityRule | undefined,
  sel: CompiledRule["source"],
  side: PacketSide,
  protocol: number,
  scope: RuleScope,
): RuleMatch {
  const tests =
    (er?.nets?.length ?? 0) > 0 ||
    (er?.notNets?.length ?? 0) > 0 ||
    (er?.ports?.length ?? 0) > 0 ||
    (er?.notPorts?.length ?? 0) > 0 ||
    er?.services !== undefined ||
    sel.selector !== undefined ||
    sel.notSelector !== undefined;
  if (tests && side.unknown !== undefined) return unknown(`${name}: ${side.unknown}`);
  if (er?.nets !== undefined && er.nets.length > 0) {
    if (side.ip === undefined) return unknown(`${name}.nets needs the ${name} IP, which was not given`);
    if (!ipInNets(er.nets, side.ip)) return miss(`${name} ${side.description} is not in ${name}.nets`);
  }
  if (er?.notNets !== undefined && er.notNets.length > 0) {
    if (side.ip === undefined) return unknown(`${name}.notNets needs the ${name} IP, which was not given`);
    if (ipInNets(er.notNets, side.ip)) return miss(`${name} ${side.description} is in ${name}.notNets`);
  }
  if (sel.selector !== undefined && !selects(sel.selector, side)) {
    return miss(`${name} ${side.description} does not match ${sel.selector.toString()}`);
  }
  if (sel.notSelector !== undefined && selects(sel.notSelector, side)) {
    return miss(`${name} ${side.description} matches notSelector ${sel.notSelector.toString()}`);
  }
  if (er?.ports !== undefined && er.ports.length > 0) {
    if (side.port === undefined) {
      return PORTED.has(protocol)
        ? unknown(`${name}.ports needs the ${name} port, which was not given`)
        : miss(`${name}.ports: ${protocolName(protocol)} packets have no ports`);
    }
    if (!portMatches(er.ports, side.port, protocol, side.namedPorts)) {
      const other = namedPortOfOtherProtocol(er.ports, side.port, protocol, side.namedPorts);
      return miss(
        other === undefined
          ? `${name} port ${side.port} is not in ${name}.ports`
          : `${name} port ${side.port} is the named port ${other.name} only for ${protocolName(protocolNumber(other.protocol) ?? 0)}, and the packet is ${protocolName(protocol)}: the protocol does not match`,
      );
    }
  }
  if (er?.notPorts !== undefined && er.notPorts.length > 0 && side.port !== undefined) {
    if (portMatches(er.notPorts, side.port, protocol, side.namedPorts)) {
      return miss(`${name} port ${side.port} is in ${name}.notPorts`);
    }
  }
  if (er?.services !== undefined) return matchService(name, er.services, side, protocol, scope);
  return MATCHED;
}

/**
 * A destination service matches the packet's destination address, port and protocol against the endpoints' (port
 * and protocol from the slice's ports); a source service its source address against the endpoints' addresses
 * (felix/calc/rule_scanner.go, felix/serviceindex/serviceindex.go). Validation keeps selectors, nets and
 * serviceAccounts off such a side (libcalico-go validator.go), so nothing else narrows it.
 */
function matchService(
  name: "source" | "destination",
  match: NonNullable<EntityRule["services"]>,
  side: PacketSide,
  protocol: number,
  scope: RuleScope,
): RuleMatch {
  const key = serviceKey(match.namespace || scope.namespace, match.name ?? "");
  if (scope.services === undefined) {
    return unknown(`${name}.services needs Service ${key}'s EndpointSlices, which explain was not given`);
  }
  if (side.ip === undefined) return unknown(`${name}.services needs the ${name} IP, which was not given`);
  const members = scope.services.get(key);
  if (members === undefined) {
    return miss(`Service ${key} has no EndpointSlices, so Felix's IP set for ${name}.services is empty`);
  }
  if (name === "source") {
    return hasAddress(members, side.ip)
      ? MATCHED
      : miss(`source ${side.description} is not an endpoint address of Service ${key}`);
  }
  if (side.port === undefined) {
    return PORTED.has(protocol)
      ? unknown("destination.services needs the destination port, which was not given")
      : miss(
          `destination.services: ${protocolName(protocol)} packets have no ports, and Service ${key}'s endpoints are address, port and protocol`,
        );
  }
  if (hasIpPort(members, side.ip, side.port, protocol)) return MATCHED;
  const at = `${side.description} port ${side.port} ${protocolName(protocol)}`;
  return miss(
    hasAddress(members, side.ip)
      ? `destination ${at}: the address is an endpoint of Service ${key}, but not with this port and protocol`
      : `destination ${at} is not an endpoint of Service ${key}`,
  );
}

/** A rule selector matches an endpoint by its labels, or an address through a network set that contains it. */
function selects(selector: Selector, side: PacketSide): boolean {
  if (side.labels !== undefined && selector.evaluate(side.labels)) return true;
  return side.networkSetLabels.some((l) => selector.evaluate(l));
}
