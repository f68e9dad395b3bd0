import type {
  Flow,
  FlowAction,
  FlowEndpoint,
  FlowPolicyHit,
  FlowQuery,
  HitCounters,
  PolicyHits,
  RuleHits,
} from "@palisade/contract";
import { WeakIntern } from "../kube/weak-intern";

/** A flow as a source delivers it, before the store names it. */
export type NewFlow = Omit<Flow, "id">;

/** What a flow counts in its interval; the rest is its key. */
const FLOW_COUNTERS = [
  "packetsIn",
  "packetsOut",
  "bytesIn",
  "bytesOut",
  "connectionsStarted",
  "connectionsCompleted",
  "connectionsLive",
] as const;
type FlowCounter = (typeof FLOW_COUNTERS)[number];

/** Flows held per cluster unless configured otherwise (`--flow-capacity`): about 60 MB at the measured ~600 B each. */
export const DEFAULT_FLOW_CAPACITY = 100_000;

export type FlowListener = (flow: Flow) => void;

/**
 * The flows Palisade holds for one cluster: a ring of at most `capacity` flows (the oldest go first), so memory stays
 * bounded however long a source streams. Endpoints and policy traces repeat across flows (one record per flow key per
 * aggregation interval), so equal ones are shared (weakly interned): a held flow costs its counters and ids.
 */
export class FlowStore {
  private readonly ring: (Flow | undefined)[];
  /** Index of the next slot to write. */
  private next = 0;
  private count = 0;
  private seq = 0;
  private readonly byId = new Map<string, Flow>();
  private readonly listeners = new Set<FlowListener>();
  private readonly endpoints = new WeakIntern<FlowEndpoint>();
  private readonly traces = new WeakIntern<FlowPolicyHit[]>();

  constructor(readonly capacity: number = DEFAULT_FLOW_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`flow capacity must be a positive integer`);
    this.ring = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  add(input: NewFlow): Flow {
    const flow: Flow = {
      ...input,
      id: (this.seq++).toString(36),
      source: this.endpoints.intern(JSON.stringify(input.source), input.source),
      destination: this.endpoints.intern(JSON.stringify(input.destination), input.destination),
      enforced: this.traces.intern(JSON.stringify(input.enforced), input.enforced),
      pending: this.traces.intern(JSON.stringify(input.pending), input.pending),
    };
    const old = this.ring[this.next];
    if (old !== undefined) this.byId.delete(old.id);
    this.ring[this.next] = flow;
    this.byId.set(flow.id, flow);
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    for (const l of this.listeners) l(flow);
    return flow;
  }

  /**
   * Replaces a held flow's counters (Goldmane's totals for its interval grew: Felix reported more of it late) and
   * tells the listeners, as the same flow (same id); undefined when the flow is no longer held.
   */
  update(id: string, counters: Pick<Flow, FlowCounter>): Flow | undefined {
    const old = this.byId.get(id);
    if (old === undefined) return undefined;
    const flow: Flow = { ...old };
    for (const c of FLOW_COUNTERS) flow[c] = counters[c];
    // Updates are rare (late reports): finding the slot by a scan keeps the ring free of a second index.
    const slot = this.ring.indexOf(old);
    this.ring[slot] = flow;
    this.byId.set(id, flow);
    for (const l of this.listeners) l(flow);
    return flow;
  }

  get(id: string): Flow | undefined {
    return this.byId.get(id);
  }

  /** Newest first. */
  *newestFirst(): Generator<Flow> {
    for (let i = 1; i <= this.count; i++) {
      const flow = this.ring[(this.next - i + this.capacity) % this.capacity];
      if (flow !== undefined) yield flow;
    }
  }

  /** Start time of the oldest flow held and end time of the newest (by arrival). */
  span(): { oldest?: number; newest?: number } {
    if (this.count === 0) return {};
    let oldest = Number.POSITIVE_INFINITY;
    let newest = Number.NEGATIVE_INFINITY;
    for (const f of this.newestFirst()) {
      if (f.startTime < oldest) oldest = f.startTime;
      if (f.endTime > newest) newest = f.endTime;
    }
    return { oldest, newest };
  }

  /** The flows passing `query`'s filters, newest first, at most `limit` (default 200), and how many passed. */
  query(query: FlowQuery, resolve: PolicyKeyOf = (hit) => hit.policy): { items: Flow[]; matched: number } {
    const limit = query.limit ?? 200;
    const test = flowFilter(query, resolve);
    const items: Flow[] = [];
    let matched = 0;
    for (const flow of this.newestFirst()) {
      if (!test(flow)) continue;
      matched++;
      if (items.length < limit) items.push(flow);
    }
    return { items, matched };
  }

  /** Calls `listener` with every flow added or updated from now on; returns the unsubscribe function. */
  onAdd(listener: FlowListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The Palisade policy key a hit names, resolved against the live model (hits carry the one known when stored). */
export type PolicyKeyOf = (
  hit: Pick<FlowPolicyHit, "kind" | "tier" | "name" | "namespace" | "policy">,
) => string | undefined;

/** `query` as a predicate (its `limit` aside). */
export function flowFilter(query: FlowQuery, resolve: PolicyKeyOf): (flow: Flow) => boolean {
  const endpoint = query.endpoint?.toLowerCase();
  return (flow) => {
    if (query.from !== undefined && flow.endTime < query.from) return false;
    if (query.to !== undefined && flow.startTime > query.to) return false;
    if (query.action !== undefined && flow.action !== query.action) return false;
    if (query.port !== undefined && flow.port !== query.port) return false;
    if (
      query.namespace !== undefined &&
      flow.source.namespace !== query.namespace &&
      flow.destination.namespace !== query.namespace
    ) {
      return false;
    }
    if (
      endpoint !== undefined &&
      !flow.source.name.toLowerCase().includes(endpoint) &&
      !flow.destination.name.toLowerCase().includes(endpoint)
    ) {
      return false;
    }
    if (query.policy !== undefined) {
      const wanted = query.policy;
      const names = (hit: FlowPolicyHit) =>
        hit.name === wanted ||
        resolve(hit) === wanted ||
        (hit.trigger !== undefined && (hit.trigger.name === wanted || resolve(hit.trigger) === wanted));
      if (!flow.enforced.some(names) && !flow.pending.some(names)) return false;
    }
    return true;
  };
}

function counters(): HitCounters {
  return { flows: 0, packets: 0, bytes: 0, connections: 0, lastSeen: 0 };
}

function count(c: HitCounters, flow: Flow): void {
  c.flows++;
  c.packets += flow.packetsIn + flow.packetsOut;
  c.bytes += flow.bytesIn + flow.bytesOut;
  c.connections += flow.connectionsStarted;
  if (flow.endTime > c.lastSeen) c.lastSeen = flow.endTime;
}

const ACTION_FIELD: Record<FlowAction, "allowed" | "denied" | "passed"> = {
  Allow: "allowed",
  Deny: "denied",
  Pass: "passed",
};

/** Where a flow came from, as "would deny N flows from X" names it. */
function sourceLabel(flow: Flow): string {
  const { source } = flow;
  return source.namespace === undefined || source.namespace === "" ? source.name : `${source.namespace}/${source.name}`;
}

/**
 * Per-policy and per-rule hit counts over `flows`, as Goldmane's Statistics groups them (goldmane/pkg/storage/stats.go):
 * each flow counts once per policy and once per rule it hit, an end-of-tier hit counting for the policy that
 * triggered it; the rule's direction is the reporter's (ingress at the destination, egress at the source). Unlike
 * Goldmane v3.31's PolicyRule grouping, which keys rules by the hit's policy index, rules here are the hit's own
 * rule index. Enforced and pending (staged) hits are counted apart. Busiest first.
 */
export function countHits(flows: Iterable<Flow>, resolve: PolicyKeyOf): PolicyHits[] {
  const policies = new Map<string, PolicyHits & { from: Map<string, number>; ruleMap: Map<string, RuleHits> }>();
  for (const flow of flows) {
    const direction = flow.reporter === "Src" ? "Egress" : "Ingress";
    for (const [pending, hits] of [
      [false, flow.enforced],
      [true, flow.pending],
    ] as const) {
      const seen = new Set<string>();
      for (const hit of hits) {
        const owner = hit.kind === "EndOfTier" && hit.trigger !== undefined ? hit.trigger : hit;
        const policy = resolve(owner);
        const id = `${pending}|${owner.kind}|${owner.tier}|${owner.namespace ?? ""}|${owner.name}`;
        let entry = policies.get(id);
        if (entry === undefined) {
          entry = {
            kind: owner.kind,
            tier: owner.tier,
            name: owner.name,
            ...(owner.namespace === undefined ? {} : { namespace: owner.namespace }),
            ...(policy === undefined ? {} : { policy }),
            pending,
            allowed: counters(),
            denied: counters(),
            passed: counters(),
            rules: [],
            deniedFrom: [],
            from: new Map(),
            ruleMap: new Map(),
          };
          policies.set(id, entry);
        }
        const rule = hit.kind === "EndOfTier" ? -1 : hit.ruleIndex;
        const ruleId = `${direction}|${rule}|${hit.action}`;
        if (seen.has(`${id}|${ruleId}`)) continue;
        if (!seen.has(id)) {
          count(entry[ACTION_FIELD[hit.action]], flow);
          if (hit.action === "Deny") entry.from.set(sourceLabel(flow), (entry.from.get(sourceLabel(flow)) ?? 0) + 1);
        }
        seen.add(id);
        seen.add(`${id}|${ruleId}`);
        let r = entry.ruleMap.get(ruleId);
        if (r === undefined) {
          r = { direction, rule, action: hit.action, ...counters() };
          entry.ruleMap.set(ruleId, r);
        }
        count(r, flow);
      }
    }
  }
  const total = (p: PolicyHits) => p.allowed.flows + p.denied.flows + p.passed.flows;
  return [...policies.values()]
    .map(({ from, ruleMap, ...p }) => ({
      ...p,
      rules: [...ruleMap.values()].sort((a, b) => b.flows - a.flows || a.rule - b.rule),
      deniedFrom: [...from.entries()]
        .map(([source, flows]) => ({ source, flows }))
        .sort((a, b) => b.flows - a.flows || a.source.localeCompare(b.source)),
    }))
    .sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name));
}
