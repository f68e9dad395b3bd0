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
import { type CompiledPolicy, DIRECTIONS, type Direction } from "../endpoints/compiled-policy";
import type { Endpoint } from "../endpoints/endpoint";
import { type EndpointPolicies, type MatchIndex, ruleSelectorsOf } from "../endpoints/match-index";
import { chainKey, chainOutcomes, explain } from "../explain/explain";
import { DEFAULT_FAILSAFE, type FailsafeConfig } from "../explain/failsafe";
import { type ProfileRules, profileRules } from "../explain/profiles";
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

/** A policy as the diff needs it: its directions, its rules' selectors, nets, protocols and ports. */
interface PolicyFacts {
  readonly directions: ReadonlySet<Direction>;
  readonly selectors: readonly string[];
  readonly nets: readonly string[];
  /** Protocol number (0: any protocol) → port boundaries (a boundary b splits b-1 | b). */
  readonly boundaries: ReadonlyMap<number, readonly number[]>;
  /** Named ports the rules use. */
  readonly names: ReadonlySet<string>;
  readonly protocols: ReadonlySet<number>;
  readonly rules: readonly RuleFacts[];
}

type Range = ReturnType<typeof cidrRange>;

/** What one rule asks of a packet's protocol, port and the peer's address: enough to tell which packets it matches. */
interface RuleFacts {
  /** 0: any protocol. */
  readonly protocol: number;
  readonly notProtocol: number | undefined;
  readonly source: { readonly nets: readonly Range[]; readonly notNets: readonly Range[] };
  readonly destination: { readonly nets: readonly Range[]; readonly notNets: readonly Range[] };
  /** Destination port ranges; undefined without `ports`. */
  readonly ports: readonly (readonly [number, number])[] | undefined;
  readonly notPorts: readonly (readonly [number, number])[];
  /** The rule names a port, which only the endpoint's own named ports resolve. */
  readonly named: boolean;
}
interface EndpointFacts {
  readonly endpoint: Endpoint;
  /** Per direction: its policies in every stage, tier by tier, with the tiers' default actions. */
  readonly lists: Readonly<Record<Direction, string>>;
  /** Per direction: keys of the policies on it in any stage. */
  readonly policies: Readonly<Record<Direction, readonly string[]>>;
  /** Canonical selectors matching it (a copy: the index's own set changes with the phase). */
  readonly selectors: ReadonlySet<string>;
  /** What its profiles' rules are: Calico's built-in allow, labels only, or explicit rules (by profile id). */
  readonly profiles: string;
}

interface PhaseFacts {
  readonly endpoints: ReadonlyMap<string, EndpointFacts>;
  readonly policies: ReadonlyMap<string, PolicyFacts>;
  /** Endpoints a changed policy applies to (or changed endpoints), with the directions the change concerns. */
  readonly subjects: ReadonlyMap<string, ReadonlySet<Direction>>;
  readonly hostsOnNode: ReadonlyMap<string, readonly EndpointFacts[]>;
  /** The failsafe ports and nets, as rules that host endpoints' chains have before every policy. */
  readonly failsafe: PolicyFacts;
}

type Role = "source" | "destination";

interface EndpointClass {
  readonly id: number;
  readonly role: Role;
  readonly members: Endpoint[];
  /** The class holds endpoints whose side of the traffic (egress as source, ingress as destination) the change touches. */
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
  /** Probes with one key are walked once: the same packet ends, and no rule on the path tells them apart. */
  readonly key: string;
}

const ROLE_DIRECTION: Readonly<Record<Role, Direction>> = { source: "egress", destination: "ingress" };
/** The outside addresses' side of a class pair. */
const ADDRESSES = "@";
const ALL_CHAINS = () => true;
const pairKey = (from: number | string, to: number | string) =>
  `${typeof from === "string" ? ADDRESSES : from}>${typeof to === "string" ? ADDRESSES : to}`;

/** Packets left to walk, walked so far, and whether the budget ran out. */
interface Budget {
  left: number;
  walked: number;
  complete: boolean;
}

interface Relevant {
  readonly selectors: ReadonlySet<string>;
  readonly nets: ReadonlySet<string>;
}

export function connectivityDiff(input: ConnectivityInput): ConnectivityDiff {
  const steps = connectivityDiffSteps(input, Number.POSITIVE_INFINITY);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * The diff in steps: the generator yields after each slice of about `sliceMs` of work (reading a phase, grouping,
 * planning, walking packets, summing up), the phases' parts each run in one call of a phase, so that a caller can let
 * other work run in between (the BFF does: its what-if changes the live
 * model only for the length of one call). What changes in the cluster between slices is seen by the later ones.
 */
export function* connectivityDiffSteps(input: ConnectivityInput, sliceMs = 20): Generator<void, ConnectivityDiff> {
  const budget: Budget = { left: input.maxProbes ?? 100_000, walked: 0, complete: true };
  const slice = new Slice(sliceMs);
  const before = yield* phaseFacts(input.before, input, slice);
  const after = yield* phaseFacts(input.after, input, slice);
  const phases = [before, after];
  const touched = touchedEndpoints(before, after);
  const owned = ownedAddresses(phases);

  // A change to policies alone alters only its subjects' chains. A packet those chains treat alike in both phases
  // keeps its verdict, so endpoints are first grouped by what those chains see of them (few groups), one packet per
  // group pair is walked through those chains only, and only group pairs where that differs are walked in full. A
  // changed endpoint alters what every rule sees of it: then everything is walked in full.
  const focus = input.endpoints.length === 0 ? focusOf(phases) : undefined;
  let coarse: { readonly of: ReadonlyMap<string, number>; readonly hot: ReadonlySet<string> } | undefined;
  let groups = 0;
  if (focus !== undefined) {
    const walked = (id: string, d: Direction) => focus.has(chainKey(id, d));
    const classes = yield* classify(phases, touched, rulesOf(phases, focus), walked, slice);
    groups += classes.length;
    const hot = new Set<string>();
    const probes = yield* plan(
      phases,
      classes,
      owned,
      walked,
      budget,
      slice,
      () => true,
      (key) => hot.add(key),
    );
    const signatures = (phase: ConnectivityPhase) =>
      walkAll(phase, probes, slice, (m, p) => {
        const answer = chainOutcomes(m.index, p.query, m.options, focus);
        return answer.ok ? answer.value : undefined;
      });
    const was = yield* signatures(input.before);
    const now = yield* signatures(input.after);
    probes.forEach((p, i) => {
      if (was[i] !== now[i] || was[i] === undefined) hot.add(pairKey(p.from, p.to));
    });
    const of = new Map<string, number>();
    for (const c of classes) for (const m of c.members) of.set(`${c.role} ${m.id}`, c.id);
    coarse = { of, hot };
  }

  // Full classes, only where a group pair may change: the group is part of their key, so each lies in one group.
  const hotGroups = { source: new Set<string>(), destination: new Set<string>() };
  for (const pair of coarse?.hot ?? []) {
    const [from = "", to = ""] = pair.split(">");
    hotGroups.source.add(from);
    hotGroups.destination.add(to);
  }
  const groupOf = (role: Role, id: string) => String(coarse?.of.get(`${role} ${id}`));
  const classes = yield* classify(phases, touched, relevantRules(phases, touched), ALL_CHAINS, slice, (role, id) => {
    if (coarse === undefined) return "";
    const g = groupOf(role, id);
    return hotGroups[role].has(g) ? g : undefined;
  });
  groups += classes.length;
  const hotPair = (from: number | string, to: number | string) => {
    if (coarse === undefined) return true;
    const g = (c: number | string, role: Role) => {
      const rep = typeof c === "number" ? classes[c]?.members[0] : undefined;
      return rep === undefined ? c : (coarse?.of.get(`${role} ${rep.id}`) ?? -1);
    };
    return coarse.hot.has(pairKey(g(from, "source"), g(to, "destination")));
  };
  const probes = yield* plan(phases, classes, owned, ALL_CHAINS, budget, slice, hotPair);
  const verdicts = (phase: ConnectivityPhase) =>
    walkAll(phase, probes, slice, (m, p) => {
      const answer = explain(m.index, p.query, m.options);
      return answer.ok ? answer.value.verdict : undefined;
    });
  const was = yield* verdicts(input.before);
  const now = yield* verdicts(input.after);
  const group = (g: number | string): ConnectivityGroup =>
    typeof g === "string" ? { kind: "addresses", description: g } : describeClass(classes[g]);
  return {
    changes: yield* summarize(probes, was, now, group, slice),
    touched: touched.size,
    classes: groups,
    probes: budget.walked,
    complete: budget.complete,
  };
}

/**
 * The steps between the walks (reading each phase's facts, grouping, planning, summing up) run a slice at a time too:
 * `over` says the slice has run out, and `yield* turn()` lets the caller run other work and starts the next slice.
 */
class Slice {
  private start = Date.now();
  constructor(private readonly ms: number) {}
  over(): boolean {
    return Date.now() - this.start >= this.ms;
  }
  *turn(): Generator<void, void> {
    yield;
    this.start = Date.now();
  }
}

/** Walks `probes` in one phase, a slice per call of the phase, yielding between slices. */
function* walkAll<T>(
  phase: ConnectivityPhase,
  probes: readonly Probe[],
  slice: Slice,
  walk: (m: ConnectivityModel, p: Probe) => T,
): Generator<void, T[]> {
  const first = new Map<string, Probe>();
  for (const p of probes) if (!first.has(p.key)) first.set(p.key, p);
  const walks = [...first.values()];
  const out = new Map<string, T>();
  while (out.size < walks.length) {
    phase((m) => {
      do {
        const p = walks[out.size];
        if (p === undefined) break;
        out.set(p.key, walk(m, p));
      } while (!slice.over());
    });
    if (out.size < walks.length) yield* slice.turn();
  }
  return probes.map((p) => out.get(p.key) as T);
}

/** Chains of the change's subjects, in both phases. */
function focusOf(phases: readonly PhaseFacts[]): Set<string> {
  const out = new Set<string>();
  for (const phase of phases) for (const [id, ds] of phase.subjects) for (const d of ds) out.add(chainKey(id, d));
  return out;
}

/** Selectors and nets of the rules in these chains, in both phases. */
function rulesOf(phases: readonly PhaseFacts[], chains: ReadonlySet<string>): Relevant {
  const selectors = new Set<string>();
  const nets = new Set<string>();
  for (const phase of phases) {
    for (const f of phase.endpoints.values()) {
      for (const d of DIRECTIONS) {
        if (!chains.has(chainKey(f.endpoint.id, d))) continue;
        for (const key of f.policies[d]) {
          const p = phase.policies.get(key);
          for (const s of p?.selectors ?? []) selectors.add(s);
          for (const n of p?.nets ?? []) nets.add(n);
        }
      }
    }
  }
  return { selectors, nets };
}

/**
 * The packets to walk: for each pair of classes where one side is touched (and `wanted`), a member pair on one node
 * and one across nodes, on every protocol and port interval the rules on their path (the chains `walked`) tell apart;
 * and each touched class against the intervals of outside addresses those rules' nets cut. `unwalkable` hears of
 * an interval left out because every address tried in it is an endpoint's.
 */
function* plan(
  phases: readonly PhaseFacts[],
  classes: readonly EndpointClass[],
  owned: ReadonlySet<string>,
  walked: (id: string, d: Direction) => boolean,
  budget: Budget,
  slice: Slice,
  wanted: (from: number | string, to: number | string) => boolean,
  unwalkable: (pair: string) => void = () => {},
): Generator<void, Probe[]> {
  const probes: Probe[] = [];
  const keys = new Set<string>();
  const add = (p: Probe) => {
    if (keys.has(p.key)) probes.push(p);
    else if (budget.left <= 0) budget.complete = false;
    else {
      keys.add(p.key);
      budget.left--;
      budget.walked++;
      probes.push(p);
    }
  };
  /** Rules on the path of `ep` in `direction`: its own policies', and every host endpoint's on its node. */
  const pathRules = (ep: Endpoint, direction: Direction): PolicyFacts[] => {
    const out: PolicyFacts[] = [];
    for (const phase of phases) {
      const keys = walked(ep.id, direction) ? [...(phase.endpoints.get(ep.id)?.policies[direction] ?? [])] : [];
      const hosts = ep.node === undefined ? [] : (phase.hostsOnNode.get(ep.node) ?? []);
      if (ep.kind === "host" || hosts.length > 0) out.push(phase.failsafe);
      for (const h of hosts) {
        for (const d of DIRECTIONS) if (walked(h.endpoint.id, d)) keys.push(...h.policies[d]);
      }
      for (const key of keys) {
        const f = phase.policies.get(key);
        if (f !== undefined) out.push(f);
      }
    }
    return out;
  };
  const sources = classes.filter((c) => c.role === "source");
  const destinations = classes.filter((c) => c.role === "destination");
  const seen = new Set<string>();
  function* pairs(): Generator<readonly [EndpointClass, EndpointClass]> {
    for (const d of destinations) if (d.touched) for (const s of sources) yield [s, d];
    for (const s of sources) if (s.touched) for (const d of destinations) yield [s, d];
  }
  for (const [from, to] of pairs()) {
    if (slice.over()) yield* slice.turn();
    if (seen.has(`${from.id}>${to.id}`) || !wanted(from.id, to.id)) continue;
    seen.add(`${from.id}>${to.id}`);
    for (const [src, dst] of representativePairs(from, to)) {
      const rules = [...pathRules(src, "egress"), ...pathRules(dst, "ingress")];
      const criteria = rulesFor(
        rules.flatMap((r) => r.rules),
        undefined,
      );
      for (const [protocol, range] of portIntervals(rules, dst.namedPorts)) {
        add({
          key: `${dst.id}<${src.id}|${protocol}|${ruleSignature(criteria, protocol, range)}`,
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
  // Touched endpoints and the addresses outside the cluster, cut by the nets on their path.
  for (const c of classes) {
    const rep = c.members[0];
    if (!c.touched || rep === undefined) continue;
    if (slice.over()) yield* slice.turn();
    const direction = ROLE_DIRECTION[c.role];
    const [from, to] = direction === "ingress" ? [ADDRESSES, c.id] : [c.id, ADDRESSES];
    if (!wanted(from, to)) continue;
    const rules = pathRules(rep, direction);
    const criteria = rules.flatMap((r) => r.rules);
    const side = direction === "ingress" ? "source" : "destination";
    const ports = portIntervals(rules, direction === "ingress" ? rep.namedPorts : []);
    for (const interval of AddressIntervals.outside(
      rules.flatMap((r) => r.nets),
      owned,
      () => unwalkable(pairKey(from, to)),
    )) {
      const live = rulesFor(criteria, { address: interval.value, v6: interval.v6, side });
      for (const [protocol, range] of ports) {
        add({
          key: `${rep.id} ${direction}|${protocol}|${ruleSignature(live, protocol, range)}`,
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
  return probes;
}

/**
 * What the diff reads of one phase, a slice per call of it: each call reads the lists afresh (the live model may have
 * moved between calls) and goes on from where the last stopped.
 */
function* phaseFacts(phase: ConnectivityPhase, input: ConnectivityInput, slice: Slice): Generator<void, PhaseFacts> {
  const policies = new Map<string, PolicyFacts>();
  const endpoints = new Map<string, EndpointFacts>();
  const subjects = new Map<string, Set<Direction>>();
  let policiesRead = 0;
  let endpointsRead = 0;
  /** The phase's failsafe ports once everything is read; undefined when the slice ran out first. */
  const read = ({ index, options }: ConnectivityModel): FailsafeConfig | undefined => {
    const policyList = [...index.policyList()];
    while (policiesRead < policyList.length) {
      const p = policyList[policiesRead++] as CompiledPolicy;
      let facts = policyMemo.get(p);
      if (facts === undefined) {
        facts = policyFacts(p);
        policyMemo.set(p, facts);
      }
      policies.set(p.key, facts);
      if (slice.over()) return undefined;
    }
    const explicit = options.profiles ?? new Map<string, ProfileRules>();
    // Namespaces' profiles differ only in labels, which the selectors already tell apart.
    const profileKey = (id: string) =>
      explicit.has(id) ? `=${id}` : profileRules(id, explicit) === undefined ? "-" : "allow";
    const endpointList = [...index.endpoints()];
    while (endpointsRead < endpointList.length) {
      const ep = endpointList[endpointsRead++] as Endpoint;
      const stages = index.policiesForEndpoint(ep.id);
      let onIt = listMemo.get(stages);
      if (onIt === undefined) {
        onIt = policiesOn(stages, index.matchingSelectors(ep.id));
        listMemo.set(stages, onIt);
      }
      endpoints.set(ep.id, { endpoint: ep, ...onIt, profiles: ep.profiles.map(profileKey).join(",") });
      if (slice.over()) return undefined;
    }
    const mark = (id: string, directions: Iterable<Direction>) => {
      const set = subjects.get(id) ?? new Set<Direction>();
      for (const d of directions) set.add(d);
      subjects.set(id, set);
    };
    for (const id of input.endpoints) if (endpoints.has(id)) mark(id, DIRECTIONS);
    for (const key of input.policies) {
      const p = policies.get(key);
      if (p !== undefined) for (const id of index.endpointsForPolicy(key)) mark(id, p.directions);
    }
    return options.failsafe ?? DEFAULT_FAILSAFE;
  };
  let failsafe = phase(read);
  while (failsafe === undefined) {
    yield* slice.turn();
    failsafe = phase(read);
  }
  const hostsOnNode = new Map<string, EndpointFacts[]>();
  for (const facts of endpoints.values()) {
    const ep = facts.endpoint;
    if (ep.kind === "host" && ep.node !== undefined)
      hostsOnNode.set(ep.node, [...(hostsOnNode.get(ep.node) ?? []), facts]);
  }
  return { endpoints, policies, subjects, hostsOnNode, failsafe: failsafeFacts(failsafe) };
}

function failsafeFacts(failsafe: FailsafeConfig): PolicyFacts {
  const boundaries = new Map<number, number[]>();
  const nets: string[] = [];
  const rules: RuleFacts[] = [];
  for (const [remote, entries] of [
    ["source", failsafe.inbound],
    ["destination", failsafe.outbound],
  ] as const) {
    for (const e of entries) {
      const protocol = protocolNumber(e.protocol) ?? 0;
      boundaries.set(protocol, [...(boundaries.get(protocol) ?? []), e.port, e.port + 1]);
      if (e.net !== undefined) nets.push(e.net);
      const net = { nets: e.net === undefined ? [] : [cidrRange(e.net)], notNets: [] };
      const none = { nets: [], notNets: [] };
      rules.push({
        protocol,
        notProtocol: undefined,
        source: remote === "source" ? net : none,
        destination: remote === "destination" ? net : none,
        ports: [[e.port, e.port]],
        notPorts: [],
        named: false,
      });
    }
  }
  return {
    directions: new Set(DIRECTIONS),
    selectors: [],
    nets,
    boundaries,
    names: new Set(),
    protocols: new Set(boundaries.keys()),
    rules,
  };
}

/**
 * Facts kept across diffs for the objects the index has not replaced: a compiled policy, and an endpoint's lists
 * (the index makes new lists whenever the endpoint's policies or matching selectors change), so a diff reads again
 * only what changed since the last one, and its two phases share what the change leaves alone.
 */
const policyMemo = new WeakMap<CompiledPolicy, PolicyFacts>();
const listMemo = new WeakMap<EndpointPolicies, Omit<EndpointFacts, "endpoint" | "profiles">>();

function policiesOn(
  stages: EndpointPolicies,
  selectors: ReadonlySet<string>,
): Omit<EndpointFacts, "endpoint" | "profiles"> {
  const lists: Record<Direction, string[]> = { ingress: [], egress: [] };
  const keys: Record<Direction, Set<string>> = { ingress: new Set(), egress: new Set() };
  for (const [stage, byDirection] of Object.entries(stages)) {
    for (const d of DIRECTIONS) {
      for (const t of byDirection[d]) {
        lists[d].push(`${stage}/${t.tier}:${t.defaultAction}:${t.policies.map((p) => p.key).join(",")}`);
        for (const p of t.policies) keys[d].add(p.key);
      }
    }
  }
  return {
    lists: { ingress: lists.ingress.join(";"), egress: lists.egress.join(";") },
    policies: { ingress: [...keys.ingress], egress: [...keys.egress] },
    selectors: new Set(selectors),
  };
}

function policyFacts(p: CompiledPolicy): PolicyFacts {
  const boundaries = new Map<number, number[]>();
  const names = new Set<string>();
  const protocols = new Set<number>();
  const nets: string[] = [];
  const rules: RuleFacts[] = [];
  for (const r of [...p.ingress, ...p.egress].map((c) => c.rule as Rule)) {
    const protocol = r.protocol === undefined ? 0 : (protocolNumber(r.protocol) ?? 0);
    const notProtocol = r.notProtocol === undefined ? undefined : protocolNumber(r.notProtocol);
    rules.push(ruleFacts(r, protocol, notProtocol));
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
  const selectors = [...new Set([...ruleSelectorsOf(p)].map((sel) => sel.toString()))];
  return { directions: p.directions, selectors, nets, boundaries, names, protocols, rules };
}

function ruleFacts(r: Rule, protocol: number, notProtocol: number | undefined): RuleFacts {
  const ranges = (nets: readonly string[] | undefined) => (nets ?? []).map(cidrRange);
  const side = (e: EntityRule | undefined) => ({ nets: ranges(e?.nets), notNets: ranges(e?.notNets) });
  let named = false;
  const portRanges = (specs: readonly (string | number)[]) =>
    specs.flatMap((spec): [number, number][] => {
      const parsed = parsePort(spec);
      if (typeof parsed === "string") return [];
      if (parsed.kind === "range") return [[parsed.min, parsed.max]];
      named = true;
      return [];
    });
  const ports = r.destination?.ports === undefined ? undefined : portRanges(r.destination.ports);
  const notPorts = portRanges(r.destination?.notPorts ?? []);
  // A Service's ports are the Service's, not the rule's: such a rule keeps every port interval apart too.
  if (r.destination?.services !== undefined || r.source?.services !== undefined) named = true;
  return { protocol, notProtocol, source: side(r.source), destination: side(r.destination), ports, notPorts, named };
}

/**
 * The rules on a path, numbered, that an outside peer address could meet: those whose nets on the peer's side (and
 * not-nets) let it through. For an endpoint peer, whose address every class member's rules see alike, all of them.
 */
function rulesFor(
  rules: readonly RuleFacts[],
  peer: { readonly address: bigint; readonly v6: boolean; readonly side: "source" | "destination" } | undefined,
): [number, RuleFacts][] {
  const holds = (nets: readonly Range[]) =>
    peer !== undefined &&
    nets.some((n) => n !== undefined && n.v6 === peer.v6 && n.start <= peer.address && peer.address <= n.end);
  const out: [number, RuleFacts][] = [];
  rules.forEach((r, i) => {
    const nets = peer === undefined ? undefined : r[peer.side];
    if (nets === undefined || ((nets.nets.length === 0 || holds(nets.nets)) && !holds(nets.notNets))) out.push([i, r]);
  });
  return out;
}

/**
 * Which of the rules could match a packet of this protocol and port: packets with the same answer (and the same
 * ends) are walked alike, so one walk stands for all of them. A rule naming a port keeps every port interval apart.
 */
function ruleSignature(
  rules: readonly (readonly [number, RuleFacts])[],
  protocol: number,
  range: readonly [number, number] | undefined,
): string {
  const port = range?.[0];
  const within = (ranges: readonly (readonly [number, number])[]) =>
    port !== undefined && ranges.some(([lo, hi]) => lo <= port && port <= hi);
  let out = "";
  for (const [i, r] of rules) {
    if ((r.protocol !== 0 && r.protocol !== protocol) || r.notProtocol === protocol) continue;
    if (r.named) out += `${i}<${port}>,`;
    else if ((r.ports === undefined || within(r.ports)) && !within(r.notPorts)) out += `${i},`;
  }
  return out;
}

/** The protocols and port intervals the rules distinguish, each with the port that stands for it. */
function portIntervals(
  rules: readonly PolicyFacts[],
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
      out.push([protocol, [sorted[i] as number, (sorted[i + 1] as number) - 1]]);
    }
  }
  return out;
}

/**
 * Endpoints whose side of some traffic the change touches, with the directions: the subjects, and every endpoint on
 * a node whose host endpoint is a subject (its packets cross that host endpoint's forward stages both ways).
 */
function touchedEndpoints(before: PhaseFacts, after: PhaseFacts): Map<string, Set<Direction>> {
  const out = new Map<string, Set<Direction>>();
  const nodes = new Set<string>();
  for (const phase of [before, after]) {
    for (const [id, directions] of phase.subjects) {
      out.set(id, new Set([...(out.get(id) ?? []), ...directions]));
      const ep = phase.endpoints.get(id)?.endpoint;
      if (ep?.kind === "host" && ep.node !== undefined) nodes.add(ep.node);
    }
  }
  for (const phase of [before, after]) {
    for (const f of phase.endpoints.values()) {
      if (f.endpoint.node !== undefined && nodes.has(f.endpoint.node)) out.set(f.endpoint.id, new Set(DIRECTIONS));
    }
  }
  return out;
}

/** Selectors and nets of the rules on the touched side of the traffic and on every host endpoint, in both phases. */
function relevantRules(phases: readonly PhaseFacts[], touched: ReadonlyMap<string, ReadonlySet<Direction>>): Relevant {
  const selectors = new Set<string>();
  const nets = new Set<string>();
  const take = (phase: PhaseFacts, keys: readonly string[]) => {
    for (const key of keys) {
      const f = phase.policies.get(key);
      for (const s of f?.selectors ?? []) selectors.add(s);
      for (const n of f?.nets ?? []) nets.add(n);
    }
  };
  for (const phase of phases) {
    for (const [id, directions] of touched) {
      const f = phase.endpoints.get(id);
      if (f !== undefined) for (const d of directions) take(phase, f.policies[d]);
    }
    for (const hosts of phase.hostsOnNode.values()) {
      for (const h of hosts) take(phase, [...h.policies.ingress, ...h.policies.egress]);
    }
  }
  return { selectors, nets };
}

/**
 * Endpoints grouped per role (as the source of traffic, as its destination) by everything that decides their side of
 * it, in both phases: the policies on that side, the relevant selectors matching them (the touched side's rules, every
 * host endpoint's, and their own policies' rules), which of those rules' nets hold their addresses, their named ports
 * (as destinations), profiles, and their node's host endpoints; touched endpoints apart from the rest. Only the
 * chains `walked` count (their policies, profiles and own rules); `extra` adds to an endpoint's key, or leaves it out.
 */
function* classify(
  phases: readonly PhaseFacts[],
  touched: ReadonlyMap<string, ReadonlySet<Direction>>,
  relevant: Relevant,
  walked: (id: string, d: Direction) => boolean,
  slice: Slice,
  extra: (role: Role, id: string) => string | undefined = () => "",
): Generator<void, EndpointClass[]> {
  const netRanges = new Map<string, ReturnType<typeof cidrRange>>();
  const addresses = new Map<string, { v6: boolean; v: bigint } | undefined>();
  const inNet = (ip: string, net: string): boolean => {
    if (!netRanges.has(net)) netRanges.set(net, cidrRange(net));
    const range = netRanges.get(net);
    if (!addresses.has(ip)) {
      const parsed = parseIp(ip);
      addresses.set(ip, parsed === undefined ? undefined : { v6: parsed.bytes.length === 16, v: toBig(parsed.bytes) });
    }
    const a = addresses.get(ip);
    if (range === undefined || a === undefined || a.v6 !== range.v6) return false;
    return a.v >= range.start && a.v <= range.end;
  };
  const relevantNets = [...relevant.nets];
  const sideKey = (phase: PhaseFacts, f: EndpointFacts, directions: readonly Direction[]): string => {
    const ep = f.endpoint;
    const ds = directions.filter((d) => walked(ep.id, d));
    // The endpoint's own policies' selectors and nets count beside the relevant ones (no copy of those per endpoint).
    const own = ds.flatMap((d) => f.policies[d].map((k) => phase.policies.get(k)));
    const ownSelectors = new Set(own.flatMap((p) => p?.selectors ?? []));
    const holding = new Set<string>();
    for (const n of [...relevantNets, ...own.flatMap((p) => p?.nets ?? [])]) {
      if (ep.ips.some((ip) => inNet(ip, n))) holding.add(n);
    }
    const selectors: string[] = [];
    for (const s of f.selectors) if (relevant.selectors.has(s) || ownSelectors.has(s)) selectors.push(s);
    return [
      ep.kind,
      ep.interfaceName ?? "",
      ds.length === 0 ? "" : f.profiles,
      ds.map((d) => f.lists[d]).join("|"),
      selectors.sort().join("\n"),
      [...holding].sort().join(","),
    ].join("\t");
  };
  const nodeKeys = new Map<string, string>();
  const nodeKey = (node: string | undefined): string => {
    if (node === undefined) return "";
    let key = nodeKeys.get(node);
    if (key === undefined) {
      key = phases
        .map((phase) =>
          (phase.hostsOnNode.get(node) ?? [])
            .map((h) => sideKey(phase, h, DIRECTIONS))
            .sort()
            .join("&"),
        )
        .join("#");
      nodeKeys.set(node, key);
    }
    return key;
  };
  const classes: EndpointClass[] = [];
  const ids = [...new Set(phases.flatMap((p) => [...p.endpoints.keys()]))].sort();
  for (const role of ["source", "destination"] as const) {
    const direction = ROLE_DIRECTION[role];
    const byKey = new Map<string, EndpointClass>();
    for (const id of ids) {
      const ep = (phases[1]?.endpoints.get(id) ?? phases[0]?.endpoints.get(id))?.endpoint;
      const more = extra(role, id);
      if (ep === undefined || more === undefined) continue;
      const isTouched = touched.get(id)?.has(direction) === true;
      const parts = phases.map((phase) => {
        const f = phase.endpoints.get(id);
        return f === undefined ? "absent" : sideKey(phase, f, [direction]);
      });
      const ports = role === "destination" ? JSON.stringify(ep.namedPorts) : "";
      const key = `${parts.join("#")}@${nodeKey(ep.node)}@${ports}@${more}${isTouched ? "!" : ""}`;
      let c = byKey.get(key);
      if (c === undefined) {
        c = { id: classes.length, role, members: [], touched: isTouched };
        byKey.set(key, c);
        classes.push(c);
      }
      c.members.push(ep);
      if (slice.over()) yield* slice.turn();
    }
  }
  return classes;
}

/** A class's members by node, at most two per node: enough to find a pair of distinct endpoints. */
const membersByNode = new WeakMap<EndpointClass, Map<string | undefined, Endpoint[]>>();

function byNode(c: EndpointClass): Map<string | undefined, Endpoint[]> {
  let out = membersByNode.get(c);
  if (out === undefined) {
    out = new Map();
    for (const m of c.members) {
      const list = out.get(m.node);
      if (list === undefined) out.set(m.node, [m]);
      else if (list.length < 2) list.push(m);
    }
    membersByNode.set(c, out);
  }
  return out;
}

/**
 * Member pairs that stand for a class pair: one on a shared node and one across nodes (or without a node), where
 * each exists.
 */
function representativePairs(from: EndpointClass, to: EndpointClass): [Endpoint, Endpoint][] {
  const a = byNode(from);
  const b = byNode(to);
  let same: [Endpoint, Endpoint] | undefined;
  for (const [node, xs] of a) {
    const ys = node === undefined ? undefined : b.get(node);
    same = ys === undefined ? undefined : pick(xs, ys);
    if (same !== undefined) break;
  }
  let across: [Endpoint, Endpoint] | undefined;
  for (const [node, xs] of a) {
    for (const [other, ys] of b) {
      if (node !== undefined && node === other) continue;
      across = pick(xs, ys);
      if (across !== undefined) break;
    }
    if (across !== undefined) break;
  }
  return [same, across].filter((p): p is [Endpoint, Endpoint] => p !== undefined);
}

/** Two distinct endpoints, one from each list (an endpoint can be in a source and a destination class). */
function pick(xs: readonly Endpoint[], ys: readonly Endpoint[]): [Endpoint, Endpoint] | undefined {
  for (const x of xs) for (const y of ys) if (x.id !== y.id) return [x, y];
  return undefined;
}

/** Ordered pairs of distinct endpoints, one from each class (an endpoint can be in both, in its two roles). */
function pairCount(from: EndpointClass, to: EndpointClass): number {
  const ids = new Set(from.members.map((m) => m.id));
  const both = to.members.filter((m) => ids.has(m.id)).length;
  return from.members.length * to.members.length - both;
}

/** An interval of outside addresses, in words, and the address that stands for it (as text and as a number). */
export interface AddressInterval {
  readonly description: string;
  readonly example: string;
  readonly value: bigint;
  readonly v6: boolean;
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

  /**
   * The intervals of the address line that `nets` cut, each with an address standing for it that no endpoint owns
   * (8.8.8.8 where it falls inside, else one past the start, else its ends or middle; endpoints' own addresses are
   * the endpoint pairs' part). `unwalkable` is told of an interval where every address tried is an endpoint's.
   */
  static outside(nets: readonly string[], owned: ReadonlySet<string>, unwalkable: () => void): AddressInterval[] {
    const cut = new AddressIntervals(nets);
    return [...cut.family(false, owned, unwalkable), ...cut.family(true, owned, unwalkable)];
  }

  private family(v6: boolean, owned: ReadonlySet<string>, unwalkable: () => void): AddressInterval[] {
    const cuts = v6 ? this.cuts.v6 : this.cuts.v4;
    const max = v6 ? MAX_V6 : MAX_V4;
    const out: AddressInterval[] = [];
    for (let i = 0; i < cuts.length; i++) {
      const start = cuts[i] as bigint;
      const end = i + 1 < cuts.length ? (cuts[i + 1] as bigint) - 1n : max;
      const tries = [end > start ? start + 1n : start, start, end, (start + end) / 2n, end > start ? end - 1n : end];
      if (!v6 && start <= PUBLIC_EXAMPLE && PUBLIC_EXAMPLE <= end) tries.unshift(PUBLIC_EXAMPLE);
      const example = tries.find((a) => !owned.has(addressKey(a, v6)));
      if (example === undefined) {
        unwalkable();
        continue;
      }
      out.push({
        description: start === 0n && end === max ? "any address" : `${formatBig(start, v6)}-${formatBig(end, v6)}`,
        example: formatBig(example, v6),
        value: example,
        v6,
      });
    }
    return out;
  }
}

/** An address as a key, however it was written. */
const addressKey = (v: bigint, v6: boolean) => `${v6 ? 6 : 4}:${v}`;

/** Keys of the endpoints' addresses. */
function ownedAddresses(phases: readonly PhaseFacts[]): Set<string> {
  const out = new Set<string>();
  for (const phase of phases) for (const f of phase.endpoints.values()) addAddressKeys(out, f.endpoint.ips);
  return out;
}

function addAddressKeys(into: Set<string>, ips: Iterable<string>): void {
  for (const ip of ips) {
    const parsed = parseIp(ip);
    if (parsed !== undefined) into.add(addressKey(toBig(parsed.bytes), parsed.bytes.length === 16));
  }
}

/**
 * The intervals of the address line that `nets` cut, each with an address standing for it that is none of `owned`:
 * one packet per interval is every case rules on those nets can tell apart.
 */
export function addressIntervals(nets: readonly string[], owned: Iterable<string>): AddressInterval[] {
  const keys = new Set<string>();
  addAddressKeys(keys, owned);
  return AddressIntervals.outside(nets, keys, () => {});
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
    : `pod${members.length === 1 ? "" : "s"} in ${namespaces.length === 1 ? namespaces[0] : `${namespaces.length} namespaces`}`;
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
function* summarize(
  probes: readonly Probe[],
  was: readonly (Verdict | undefined)[],
  now: readonly (Verdict | undefined)[],
  group: (g: number | string) => ConnectivityGroup,
  slice: Slice,
): Generator<void, ConnectivityChange[]> {
  interface Entry {
    probe: Probe;
    before: Verdict;
    after: Verdict;
    ranges: [number, number][];
  }
  const walked = new Map<string, Set<number>>();
  const byChange = new Map<string, Map<number, Entry>>();
  for (const [i, p] of probes.entries()) {
    if (slice.over()) yield* slice.turn();
    const pair = `${p.from}>${p.to}`;
    const protocols = walked.get(pair) ?? new Set<number>();
    protocols.add(p.protocol);
    walked.set(pair, protocols);
    const b = was[i];
    const a = now[i];
    if (b === undefined || a === undefined || a === b) continue;
    const key = `${pair}>${b}>${a}`;
    const entries = byChange.get(key) ?? new Map<number, Entry>();
    const entry = entries.get(p.protocol) ?? { probe: p, before: b, after: a, ranges: [] };
    if (p.range !== undefined) entry.ranges.push([p.range[0], p.range[1]]);
    entries.set(p.protocol, entry);
    byChange.set(key, entries);
  }
  const out: ConnectivityChange[] = [];
  for (const entries of byChange.values()) {
    if (slice.over()) yield* slice.turn();
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
  return mergeAddressRows(out);
}

/**
 * Rows that differ only in the address range on one side are one row: the ranges joined where they touch, `any
 * address` when they cover the whole line.
 */
function mergeAddressRows(rows: readonly ConnectivityChange[]): ConnectivityChange[] {
  const merged = new Map<string, { row: ConnectivityChange; ranges: string[]; pairs: number }>();
  const out: ConnectivityChange[] = [];
  const side = (g: ConnectivityGroup) => (g.kind === "addresses" ? "*" : `${g.description}|${g.sample[0] ?? ""}`);
  for (const row of rows) {
    const addresses = row.from.kind === "addresses" ? row.from : row.to.kind === "addresses" ? row.to : undefined;
    if (addresses === undefined) {
      out.push(row);
      continue;
    }
    const key = `${side(row.from)}>${side(row.to)}>${row.protocol}>${row.ports}>${row.before}>${row.after}`;
    const entry = merged.get(key);
    if (entry === undefined) merged.set(key, { row, ranges: [addresses.description], pairs: row.pairs });
    else {
      entry.ranges.push(addresses.description);
      entry.pairs = Math.max(entry.pairs, row.pairs);
    }
  }
  for (const { row, ranges } of merged.values()) {
    const group: ConnectivityGroup = { kind: "addresses", description: joinRanges(ranges) };
    out.push(row.from.kind === "addresses" ? { ...row, from: group } : { ...row, to: group });
  }
  return out;
}

function joinRanges(descriptions: readonly string[]): string {
  if (descriptions.includes("any address")) return "any address";
  const parsed = descriptions.map((d) => {
    const [a, b] = d.split("-");
    const start = a === undefined ? undefined : parseIp(a);
    const end = b === undefined ? undefined : parseIp(b);
    return start === undefined || end === undefined
      ? undefined
      : { v6: start.bytes.length === 16, start: toBig(start.bytes), end: toBig(end.bytes) };
  });
  if (parsed.some((p) => p === undefined)) return descriptions.join(", ");
  const out: string[] = [];
  for (const v6 of [false, true]) {
    const ranges = parsed
      .filter((p): p is NonNullable<typeof p> => p !== undefined && p.v6 === v6)
      .sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
    const joined: { start: bigint; end: bigint }[] = [];
    for (const r of ranges) {
      const last = joined[joined.length - 1];
      if (last === undefined || r.start > last.end + 1n) joined.push({ start: r.start, end: r.end });
      else if (r.end > last.end) last.end = r.end;
    }
    const max = v6 ? MAX_V6 : MAX_V4;
    for (const r of joined) {
      out.push(r.start === 0n && r.end === max ? "any address" : `${formatBig(r.start, v6)}-${formatBig(r.end, v6)}`);
    }
  }
  return out.join(", ");
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
