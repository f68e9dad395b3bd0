/**
 * The whole-cluster connectivity diff of a proposed change (issue 21): which groups of endpoints, and which ranges of
 * outside addresses, gain or lose reachability on which protocols and ports.
 *
 * It is computed over equivalence classes, not endpoint by endpoint. Two endpoints are put in one class when nothing
 * Calico evaluates can tell them apart, before or after the change: the same policies in every stage and direction,
 * the same selectors matching them (rule selectors included, so the same peers' rules treat them alike), the same
 * profiles and named ports, addresses in the same interval of every net any rule or network set names, and nodes
 * whose host endpoints are alike in the same way. One member pair of each pair of classes is then walked by the
 * explainer on every protocol and port interval the rules on its path distinguish, before and after; a class pair
 * whose members can be on one node or on two is walked both ways. Packets are sent to endpoints' own addresses:
 * Services (kube-proxy's DNAT) are what explain's Service mode is for.
 */
import type { Endpoint } from "../endpoints/endpoint";
import type { MatchIndex } from "../endpoints/match-index";
import { explain } from "../explain/explain";
import { protocolName, protocolNumber } from "../explain/protocol";
import type { ExplainOptions, ExplainQuery, Verdict } from "../explain/query";
import type { EntityRule, Rule } from "../model/rule";
import { parseCidrOrIp, parseIp } from "../validate/net";
import { parsePort } from "../validate/port";

/** One side of the change: the index (live, or with the change applied) and the explainer's options for it. */
export interface ConnectivityModel {
  readonly index: MatchIndex;
  readonly options: ExplainOptions;
}

/** Runs `fn` on the cluster as it is, or as it would be after the change. */
export type ConnectivityPhase = <T>(fn: (model: ConnectivityModel) => T) => T;

export interface ConnectivityInput {
  readonly before: ConnectivityPhase;
  readonly after: ConnectivityPhase;
  /** Policy keys the change adds, edits or removes. */
  readonly policies: readonly string[];
  /** Endpoint ids the change adds, edits or removes (host endpoints). */
  readonly endpoints: readonly string[];
  /** Explainer walks allowed in each phase; beyond it the diff says it is incomplete. Default 100,000. */
  readonly maxProbes?: number;
}

/** A group of endpoints that Calico treats alike, or an interval of addresses outside every endpoint. */
export type ConnectivityGroup =
  | {
      readonly kind: "endpoints";
      /** In words, e.g. `pods in shop with app=web` or `host endpoints with ibm.role=worker_public`. */
      readonly description: string;
      readonly count: number;
      /** Up to ten member ids (`wep/<ns>/<pod>`, `hep/<name>`). */
      readonly sample: readonly string[];
    }
  | {
      readonly kind: "addresses";
      /** e.g. `10.0.0.0-10.255.255.255`, or `any address` when no rule on the path names a net. */
      readonly description: string;
    };

export interface ConnectivityChange {
  readonly from: ConnectivityGroup;
  readonly to: ConnectivityGroup;
  /** Protocol name (`TCP`) or number; `any` when every protocol changed alike on every port. */
  readonly protocol: string;
  /** Destination port ranges, e.g. `80`, `1-79, 81-65535`; empty for protocols without ports. */
  readonly ports: string;
  readonly before: Verdict;
  readonly after: Verdict;
  /** Endpoint pairs (or endpoints, with an address group) this applies to. */
  readonly pairs: number;
  /** A packet to walk with explain: endpoint, direction, peer, protocol, port. */
  readonly example: {
    readonly endpointId: string;
    readonly direction: "ingress" | "egress";
    readonly peer: { readonly endpointId?: string; readonly ip?: string };
    readonly protocol: string;
    readonly port?: number;
  };
}

export interface ConnectivityDiff {
  readonly changes: readonly ConnectivityChange[];
  /** Endpoints whose own policy, or whose node's host endpoint policy, the change touches. */
  readonly touched: number;
  readonly classes: number;
  /** Explainer walks per phase. */
  readonly probes: number;
  /** False when `maxProbes` cut the walk short: the changes listed are real, but there may be more. */
  readonly complete: boolean;
}

const PORTED = new Set([6, 17, 132, 136]);
/**
 * Protocol 253 (RFC 3692, for experiments) stands for every protocol no rule names: only rules without a protocol and
 * ports match those.
 */
const OTHER_PROTOCOL = 253;
const BASE_PROTOCOLS = [6, 17, OTHER_PROTOCOL];
const NOISY_LABEL =
  /^(pod-template-hash|controller-revision-hash|statefulset\.kubernetes\.io\/pod-name|projectcalico\.org\/)/;

/** What one phase says about one endpoint. */
interface EndpointFacts {
  readonly endpoint: Endpoint;
  /** Its policies per stage and direction, tier by tier. */
  readonly policies: string;
  /** Interned ids of the selectors matching it, sorted. */
  readonly selectors: string;
  /** Keys of the policies on it in any stage, for their rules' ports and nets. */
  readonly policyKeys: readonly string[];
}

interface PhaseFacts {
  readonly endpoints: Map<string, EndpointFacts>;
  readonly subjects: Set<string>;
  /** Per policy key: port boundaries per protocol, protocols named, nets named. */
  readonly rules: Map<string, RuleFacts>;
  readonly netSetNets: string[];
  /** Per node, its host endpoints. */
  readonly hostsOnNode: Map<string, EndpointFacts[]>;
}

interface RuleFacts {
  /** Protocol number (0: any protocol) → port boundaries (a boundary b splits b-1 | b). */
  readonly boundaries: Map<number, number[]>;
  /** Named ports the rules use. */
  readonly names: Set<string>;
  readonly protocols: Set<number>;
  readonly nets: string[];
}

interface EndpointClass {
  readonly id: number;
  readonly members: Endpoint[];
  readonly touched: boolean;
}

interface Probe {
  readonly query: ExplainQuery;
  readonly from: number | string;
  readonly to: number | string;
  readonly protocol: number;
  /** The port interval [lo, hi] the probe stands for; undefined for protocols without ports. */
  readonly range: readonly [number, number] | undefined;
  readonly pairs: number;
}

export function connectivityDiff(input: ConnectivityInput): ConnectivityDiff {
  const maxProbes = input.maxProbes ?? 100_000;
  const selectorIds = new Map<string, number>();
  const before = input.before((m) => phaseFacts(m.index, input, selectorIds));
  const after = input.after((m) => phaseFacts(m.index, input, selectorIds));
  const intervals = new AddressIntervals([
    ...[...before.rules.values(), ...after.rules.values()].flatMap((r) => r.nets),
    ...before.netSetNets,
    ...after.netSetNets,
  ]);
  const classes = classify(before, after, intervals);
  const touchedIds = touchedEndpoints(before, after);
  const touchedClasses = classes.filter((c) => c.members.some((m) => touchedIds.has(m.id)));
  const probes: Probe[] = [];
  let complete = true;
  const add = (p: Probe) => {
    if (probes.length >= maxProbes) complete = false;
    else probes.push(p);
  };
  const rulesOf = (id: string): RuleFacts[] => {
    const out: RuleFacts[] = [];
    for (const phase of [before, after]) {
      const facts = phase.endpoints.get(id);
      const host = facts?.endpoint;
      const onNode = host?.node === undefined ? [] : nodeHostEndpoints(phase, host.node);
      for (const f of [facts, ...onNode]) {
        for (const key of f?.policyKeys ?? []) {
          const r = phase.rules.get(key);
          if (r !== undefined) out.push(r);
        }
      }
    }
    return out;
  };
  // Endpoint to endpoint, in both directions, wherever one side is touched.
  for (const from of classes) {
    for (const to of classes) {
      if (!from.touched && !to.touched) continue;
      for (const [src, dst] of representativePairs(from, to)) {
        const rules = [...rulesOf(src.id), ...rulesOf(dst.id)];
        for (const [protocol, range] of portIntervals(rules, dst.namedPorts)) {
          add({
            query: {
              endpointId: dst.id,
              direction: "ingress",
              peer: { endpointId: src.id },
              protocol,
              ...(range === undefined ? {} : { port: range[0] }),
            },
            from: from.id,
            to: to.id,
            protocol,
            range,
            pairs: pairCount(from, to),
          });
        }
      }
    }
  }
  // Touched endpoints and the addresses outside the cluster.
  const owned = ownedAddresses(before, after);
  for (const c of touchedClasses) {
    const rep = c.members[0];
    if (rep === undefined) continue;
    const rules = rulesOf(rep.id);
    for (const interval of AddressIntervals.outside(
      rules.flatMap((r) => r.nets),
      owned,
    )) {
      for (const direction of ["ingress", "egress"] as const) {
        const named = direction === "ingress" ? rep.namedPorts : [];
        for (const [protocol, range] of portIntervals(rules, named)) {
          add({
            query: {
              endpointId: rep.id,
              direction,
              peer: { ip: interval.example },
              protocol,
              ...(range === undefined ? {} : { port: range[0] }),
            },
            from: direction === "ingress" ? interval.description : c.id,
            to: direction === "ingress" ? c.id : interval.description,
            protocol,
            range,
            pairs: c.members.length,
          });
        }
      }
    }
  }
  const verdicts = (phase: ConnectivityPhase) =>
    phase((m) =>
      probes.map((p) => {
        const answer = explain(m.index, p.query, m.options);
        return answer.ok ? answer.value.verdict : undefined;
      }),
    );
  const was = verdicts(input.before);
  const now = verdicts(input.after);
  const group = (g: number | string): ConnectivityGroup =>
    typeof g === "string" ? { kind: "addresses", description: g } : describeClass(classes[g]);
  return {
    changes: summarize(probes, was, now, group),
    touched: touchedIds.size,
    classes: classes.length,
    probes: probes.length,
    complete,
  };
}

function phaseFacts(index: MatchIndex, input: ConnectivityInput, selectorIds: Map<string, number>): PhaseFacts {
  const endpoints = new Map<string, EndpointFacts>();
  const intern = (s: string) => {
    let id = selectorIds.get(s);
    if (id === undefined) {
      id = selectorIds.size;
      selectorIds.set(s, id);
    }
    return id;
  };
  for (const ep of index.endpoints()) {
    const lists = index.policiesForEndpoint(ep.id);
    const keys = new Set<string>();
    const parts: string[] = [];
    for (const [stage, byDirection] of Object.entries(lists)) {
      for (const [direction, tiers] of Object.entries(byDirection)) {
        for (const t of tiers) {
          parts.push(`${stage}/${direction}/${t.tier}:${t.defaultAction}:${t.policies.map((p) => p.key).join(",")}`);
          for (const p of t.policies) keys.add(p.key);
        }
      }
    }
    const selectors = [...index.matchingSelectors(ep.id)].map(intern).sort((a, b) => a - b);
    endpoints.set(ep.id, {
      endpoint: ep,
      policies: parts.join(";"),
      selectors: selectors.join(","),
      policyKeys: [...keys],
    });
  }
  const subjects = new Set<string>(input.endpoints.filter((id) => endpoints.has(id)));
  for (const key of input.policies) for (const id of index.endpointsForPolicy(key)) subjects.add(id);
  const rules = new Map<string, RuleFacts>();
  for (const p of index.policyList()) rules.set(p.key, ruleFacts([...p.ingress, ...p.egress].map((r) => r.rule)));
  const netSetNets = [...index.networkSets()].flatMap((s) => s.nets);
  const hostsOnNode = new Map<string, EndpointFacts[]>();
  for (const f of endpoints.values()) {
    const node = f.endpoint.node;
    if (f.endpoint.kind !== "host" || node === undefined) continue;
    hostsOnNode.set(node, [...(hostsOnNode.get(node) ?? []), f]);
  }
  return { endpoints, subjects, rules, netSetNets, hostsOnNode };
}

function ruleFacts(rules: readonly Rule[]): RuleFacts {
  const boundaries = new Map<number, number[]>();
  const names = new Set<string>();
  const protocols = new Set<number>();
  const nets: string[] = [];
  for (const r of rules) {
    const protocol = r.protocol === undefined ? 0 : (protocolNumber(r.protocol) ?? 0);
    const notProtocol = r.notProtocol === undefined ? undefined : protocolNumber(r.notProtocol);
    if (protocol !== 0) protocols.add(protocol);
    if (notProtocol !== undefined) protocols.add(notProtocol);
    for (const side of [r.source, r.destination] as (EntityRule | undefined)[]) {
      nets.push(...(side?.nets ?? []), ...(side?.notNets ?? []));
    }
    const bounds = boundaries.get(protocol) ?? [];
    for (const spec of [...(r.destination?.ports ?? []), ...(r.destination?.notPorts ?? [])]) {
      const parsed = parsePort(spec);
      if (typeof parsed === "string") continue;
      if (parsed.kind === "range") bounds.push(parsed.min, parsed.max + 1);
      else names.add(parsed.name);
    }
    boundaries.set(protocol, bounds);
  }
  return { boundaries, names, protocols, nets };
}

/** The protocols and port intervals the rules distinguish, each with the port that stands for it. */
function portIntervals(
  rules: readonly RuleFacts[],
  namedPorts: Endpoint["namedPorts"],
): [number, readonly [number, number] | undefined][] {
  const protocols = new Set<number>(BASE_PROTOCOLS);
  for (const r of rules) for (const p of r.protocols) protocols.add(p);
  const out: [number, readonly [number, number] | undefined][] = [];
  for (const protocol of [...protocols].sort((a, b) => a - b)) {
    if (!PORTED.has(protocol)) {
      out.push([protocol, undefined]);
      continue;
    }
    const cuts = new Set<number>([1, 65536]);
    for (const r of rules) {
      for (const b of [...(r.boundaries.get(0) ?? []), ...(r.boundaries.get(protocol) ?? [])]) cuts.add(b);
      for (const np of namedPorts) {
        if (r.names.has(np.name)) {
          cuts.add(np.port);
          cuts.add(np.port + 1);
        }
      }
    }
    const sorted = [...cuts].filter((c) => c >= 1 && c <= 65536).sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const lo = sorted[i] as number;
      const hi = (sorted[i + 1] as number) - 1;
      out.push([protocol, [lo, hi]]);
    }
  }
  return out;
}

/** Endpoints whose own policy, or whose node's host endpoints' policy, the change touches. */
function touchedEndpoints(before: PhaseFacts, after: PhaseFacts): Set<string> {
  const out = new Set<string>();
  const nodes = new Set<string>();
  for (const phase of [before, after]) {
    for (const id of phase.subjects) {
      out.add(id);
      const ep = phase.endpoints.get(id)?.endpoint;
      if (ep?.kind === "host" && ep.node !== undefined) nodes.add(ep.node);
    }
  }
  for (const phase of [before, after]) {
    for (const f of phase.endpoints.values()) {
      if (f.endpoint.node !== undefined && nodes.has(f.endpoint.node)) out.add(f.endpoint.id);
    }
  }
  return out;
}

function nodeHostEndpoints(phase: PhaseFacts, node: string): readonly EndpointFacts[] {
  return phase.hostsOnNode.get(node) ?? [];
}

function classify(before: PhaseFacts, after: PhaseFacts, intervals: AddressIntervals): EndpointClass[] {
  const touched = touchedEndpoints(before, after);
  const ownKey = (id: string): string => {
    const parts: string[] = [];
    for (const phase of [before, after]) {
      const f = phase.endpoints.get(id);
      if (f === undefined) {
        parts.push("absent");
        continue;
      }
      const ep = f.endpoint;
      parts.push(
        [
          ep.kind,
          ep.namespace ?? "",
          ep.interfaceName ?? "",
          ep.profiles.join(","),
          JSON.stringify(ep.namedPorts),
          ep.ips.map((ip) => intervals.idOf(ip)).join(","),
          f.policies,
          f.selectors,
        ].join("|"),
      );
    }
    return parts.join("#");
  };
  // A node is known by its host endpoints, each by its own key.
  const nodeKeys = new Map<string, string>();
  const nodeKey = (node: string | undefined): string => {
    if (node === undefined) return "";
    let key = nodeKeys.get(node);
    if (key === undefined) {
      const heps = new Set<string>();
      for (const phase of [before, after]) for (const f of nodeHostEndpoints(phase, node)) heps.add(f.endpoint.id);
      key = [...heps].map(ownKey).sort().join("&");
      nodeKeys.set(node, key);
    }
    return key;
  };
  const ids = new Set([...before.endpoints.keys(), ...after.endpoints.keys()]);
  const byKey = new Map<string, EndpointClass>();
  const classes: EndpointClass[] = [];
  for (const id of [...ids].sort()) {
    const ep = (after.endpoints.get(id) ?? before.endpoints.get(id))?.endpoint;
    if (ep === undefined) continue;
    const key = `${ownKey(id)}@${nodeKey(ep.node)}${touched.has(id) ? "!" : ""}`;
    let c = byKey.get(key);
    if (c === undefined) {
      c = { id: classes.length, members: [], touched: touched.has(id) };
      byKey.set(key, c);
      classes.push(c);
    }
    c.members.push(ep);
  }
  return classes;
}

/** Member pairs that stand for a class pair: one on a shared node and one across nodes, where each exists. */
function representativePairs(from: EndpointClass, to: EndpointClass): [Endpoint, Endpoint][] {
  const out: [Endpoint, Endpoint][] = [];
  let same: [Endpoint, Endpoint] | undefined;
  let across: [Endpoint, Endpoint] | undefined;
  const limit = 64;
  for (const a of from.members.slice(0, limit)) {
    for (const b of to.members.slice(0, limit)) {
      if (a.id === b.id) continue;
      if (a.node !== undefined && a.node === b.node) same ??= [a, b];
      else across ??= [a, b];
      if (same !== undefined && across !== undefined) break;
    }
    if (same !== undefined && across !== undefined) break;
  }
  if (same !== undefined) out.push(same);
  if (across !== undefined) out.push(across);
  return out;
}

function pairCount(from: EndpointClass, to: EndpointClass): number {
  return from.id === to.id ? from.members.length * (from.members.length - 1) : from.members.length * to.members.length;
}

function ownedAddresses(before: PhaseFacts, after: PhaseFacts): Set<string> {
  const out = new Set<string>();
  for (const phase of [before, after])
    for (const f of phase.endpoints.values()) for (const ip of f.endpoint.ips) out.add(ip);
  return out;
}

/** Intervals of the address line cut at the edges of every net the rules and network sets name. */
class AddressIntervals {
  private readonly cuts: { v4: bigint[]; v6: bigint[] };

  constructor(nets: readonly string[]) {
    const v4 = new Set<bigint>([0n]);
    const v6 = new Set<bigint>();
    for (const n of nets) {
      const range = cidrRange(n);
      if (range === undefined) continue;
      const into = range.v6 ? v6 : v4;
      into.add(range.start);
      into.add(range.end + 1n);
    }
    if (v6.size > 0) v6.add(0n);
    const sorted = (s: Set<bigint>) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.cuts = { v4: sorted(v4).filter((c) => c <= MAX_V4), v6: sorted(v6).filter((c) => c <= MAX_V6) };
  }

  /** Which interval the address is in: addresses in one interval are in the same nets. */
  idOf(ip: string): string {
    const parsed = parseIp(ip);
    if (parsed === undefined) return "?";
    const v6 = parsed.bytes.length === 16;
    const value = toBig(parsed.bytes);
    const cuts = v6 ? this.cuts.v6 : this.cuts.v4;
    let lo = 0;
    let hi = cuts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((cuts[mid] as bigint) <= value) lo = mid;
      else hi = mid - 1;
    }
    return `${v6 ? 6 : 4}:${lo}`;
  }

  /**
   * The intervals of the address line that `nets` cut, each with an address standing for it (8.8.8.8 where it falls
   * inside, else one past the start); an interval whose address an endpoint owns is left to the endpoint pairs.
   */
  static outside(nets: readonly string[], owned: ReadonlySet<string>): { description: string; example: string }[] {
    const cut = new AddressIntervals(nets);
    return [...cut.family(false), ...cut.family(true)].filter((i) => !owned.has(i.example));
  }

  private family(v6: boolean): { description: string; example: string }[] {
    const cuts = v6 ? this.cuts.v6 : this.cuts.v4;
    const max = v6 ? MAX_V6 : MAX_V4;
    const out: { description: string; example: string }[] = [];
    for (let i = 0; i < cuts.length; i++) {
      const start = cuts[i] as bigint;
      const end = i + 1 < cuts.length ? (cuts[i + 1] as bigint) - 1n : max;
      const example =
        !v6 && start <= PUBLIC_EXAMPLE && PUBLIC_EXAMPLE <= end ? PUBLIC_EXAMPLE : end > start ? start + 1n : start;
      out.push({
        description: start === 0n && end === max ? "any address" : `${formatBig(start, v6)}-${formatBig(end, v6)}`,
        example: formatBig(example, v6),
      });
    }
    return out;
  }
}

const MAX_V4 = (1n << 32n) - 1n;
const MAX_V6 = (1n << 128n) - 1n;
/** 8.8.8.8: the address that stands for "the internet" in the interval holding it. */
const PUBLIC_EXAMPLE = 0x08080808n;

function cidrRange(text: string): { v6: boolean; start: bigint; end: bigint } | undefined {
  const cidr = parseCidrOrIp(text);
  if (cidr === undefined) return undefined;
  const bits = BigInt(cidr.bits);
  const host = bits - BigInt(cidr.prefix);
  const start = (toBig(cidr.ip.bytes) >> host) << host;
  return { v6: cidr.bits === 128, start, end: start + (1n << host) - 1n };
}

function toBig(bytes: readonly number[]): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function formatBig(v: bigint, v6: boolean): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join(".");
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((v >> s) & 0xffffn).toString(16));
  return groups.join(":");
}

function describeClass(c: EndpointClass | undefined): ConnectivityGroup {
  if (c === undefined) return { kind: "endpoints", description: "?", count: 0, sample: [] };
  const members = c.members;
  const first = members[0];
  const common = new Map(first?.ownLabels ?? []);
  for (const m of members) {
    for (const [k, v] of common) if (m.ownLabels.get(k) !== v || NOISY_LABEL.test(k)) common.delete(k);
  }
  const labels = [...common].map(([k, v]) => `${k}=${v}`).sort();
  const hosts = members.every((m) => m.kind === "host");
  const namespaces = [...new Set(members.map((m) => m.namespace).filter((n) => n !== undefined))].sort();
  const what = hosts
    ? `host endpoint${members.length === 1 ? "" : "s"}`
    : `pod${members.length === 1 ? "" : "s"}${namespaces.length === 1 ? ` in ${namespaces[0]}` : ""}`;
  const by = labels.length === 0 ? (members.length === 1 ? ` ${first?.name ?? ""}` : "") : ` with ${labels.join(", ")}`;
  return {
    kind: "endpoints",
    description: `${what}${by}`,
    count: members.length,
    sample: members.slice(0, 10).map((m) => m.id),
  };
}

/**
 * Probes whose verdict changed, their port intervals merged per class pair, protocol and change; where every
 * protocol walked for a class pair changed alike on every port, one "any" entry stands for them all.
 */
function summarize(
  probes: readonly Probe[],
  was: readonly (Verdict | undefined)[],
  now: readonly (Verdict | undefined)[],
  group: (g: number | string) => ConnectivityGroup,
): ConnectivityChange[] {
  interface Entry {
    probe: Probe;
    before: Verdict;
    after: Verdict;
    ranges: [number, number][];
  }
  const walked = new Map<string, Set<number>>();
  const byChange = new Map<string, Map<number, Entry>>();
  probes.forEach((p, i) => {
    const pair = `${p.from}>${p.to}`;
    const protocols = walked.get(pair) ?? new Set<number>();
    protocols.add(p.protocol);
    walked.set(pair, protocols);
    const b = was[i];
    const a = now[i];
    if (b === undefined || a === undefined || a === b) return;
    const key = `${pair}>${b}>${a}`;
    const entries = byChange.get(key) ?? new Map<number, Entry>();
    const entry = entries.get(p.protocol) ?? { probe: p, before: b, after: a, ranges: [] };
    if (p.range !== undefined) entry.ranges.push([p.range[0], p.range[1]]);
    entries.set(p.protocol, entry);
    byChange.set(key, entries);
  });
  const out: ConnectivityChange[] = [];
  for (const entries of byChange.values()) {
    const list = [...entries.values()];
    const first = list[0];
    if (first === undefined) continue;
    const everything =
      walked.get(`${first.probe.from}>${first.probe.to}`)?.size === list.length &&
      list.every((e) => !PORTED.has(e.probe.protocol) || isWholeRange(mergeRanges(e.ranges)));
    const shown = everything
      ? [{ ...first, protocol: "any", ports: "all" }]
      : list.map((e) => ({ ...e, protocol: protocolLabel(e.probe.protocol), ports: portsText(e.ranges) }));
    for (const { probe, before, after, protocol, ports } of shown) {
      out.push({
        from: group(probe.from),
        to: group(probe.to),
        protocol,
        ports,
        before,
        after,
        pairs: probe.pairs,
        example: {
          endpointId: probe.query.endpointId,
          direction: probe.query.direction,
          peer: {
            ...(probe.query.peer.endpointId === undefined ? {} : { endpointId: probe.query.peer.endpointId }),
            ...(probe.query.peer.ip === undefined ? {} : { ip: probe.query.peer.ip }),
          },
          protocol: protocolName(probe.protocol),
          ...(probe.query.port === undefined ? {} : { port: probe.query.port }),
        },
      });
    }
  }
  return out;
}

function protocolLabel(n: number): string {
  return n === OTHER_PROTOCOL ? "other" : protocolName(n);
}

function portsText(ranges: readonly [number, number][]): string {
  return mergeRanges(ranges)
    .map(([lo, hi]) => (lo === hi ? String(lo) : lo === 1 && hi === 65535 ? "all" : `${lo}-${hi}`))
    .join(", ");
}

function isWholeRange(ranges: readonly [number, number][]): boolean {
  return ranges.length === 1 && ranges[0]?.[0] === 1 && ranges[0]?.[1] === 65535;
}

function mergeRanges(ranges: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [lo, hi] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}
