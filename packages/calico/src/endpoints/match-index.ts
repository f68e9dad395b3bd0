/**
 * The match index (docs/calico-semantics.md section 6, issue 3 "Order, endpoints, matching"): for every policy the
 * endpoints it applies to; for every endpoint its policies per stage and direction, tier by tier in evaluation order
 * (§2, §4); for every rule the endpoints and network sets its source and destination select. Every update touches
 * only what it changes: an endpoint's labels re-check the selectors filed under them, a policy re-scans only its
 * candidate endpoints, a profile re-merges only its children.
 */

import { comparePolicies, type TierInfo, tierDefaultAction } from "../policy/order";
import { err, ok, type Result } from "../result";
import { type InternedLabels, mergeLabels } from "../selector/interned";
import type { Selector } from "../selector/selector";
import type { ParsedIp } from "../validate/net";
import { type CompiledPolicy, compilePolicy, type Direction, policyKey, type Stage } from "./compiled-policy";
import type { SelectorFieldError } from "./effective-selectors";
import type { Endpoint, LabelledItem, NetworkSetItem } from "./endpoint";
import { EndpointLookup, sameList } from "./endpoint-lookup";
import { type LabelledLike, nameOf, type PolicyLike, type ProfileLike } from "./inputs";
import {
  namespaceProfileId,
  namespaceProfileLabels,
  serviceAccountProfileId,
  serviceAccountProfileLabels,
  toLabelMap,
} from "./labels";
import { SelectorIndex } from "./selector-index";

/** One tier's applicable policies, in order, and what happens when none of them decides. */
export interface TierPolicies {
  readonly tier: string;
  readonly defaultAction: "Deny" | "Pass";
  readonly policies: readonly CompiledPolicy[];
}

export type EndpointPolicies = Readonly<Record<Stage, Readonly<Record<Direction, readonly TierPolicies[]>>>>;

/** What one side (source or destination) of a rule selects among known endpoints and network sets. */
export interface RuleSideMatches {
  /** True when the side has neither selector nor notSelector: any peer passes the selector part. */
  readonly unrestricted: boolean;
  readonly endpoints: readonly string[];
  readonly networkSets: readonly string[];
  readonly nets: readonly string[];
  readonly notNets: readonly string[];
}

export interface RuleMatches {
  readonly source: RuleSideMatches;
  readonly destination: RuleSideMatches;
}

export class MatchIndex {
  private readonly tiers = new Map<string, TierInfo>();
  /** Profiles' labels, interned in the selector index's table. */
  private readonly profiles = new Map<string, InternedLabels>();
  /**
   * Profile → ids of the items listing it; made when a profile first changes while items exist (a cluster loads its
   * namespaces and accounts before their pods, and a set per profile of 100k ids was a tenth of a build).
   */
  private childrenOfProfile: Map<string, Set<string>> | undefined;
  private readonly endpointMap = new Map<string, Endpoint>();
  private readonly lookup = new EndpointLookup();
  private readonly networkSetMap = new Map<string, NetworkSetItem>();
  private readonly policies = new Map<string, CompiledPolicy>();
  private readonly errors = new Map<string, SelectorFieldError>();
  /** Canonical selector → number of users: policies whose effective selector it is, and rule sides. */
  private readonly selectorRefs = new Map<string, number>();
  /** Canonical selector → keys of the policies whose effective selector it is. */
  private readonly policiesBySelector = new Map<string, Set<string>>();
  /** Canonical selector → its policies in evaluation order, made when first asked for since the selector's last change. */
  private readonly orderedBySelector = new Map<string, readonly CompiledPolicy[]>();
  /** Per endpoint: its stage lists and the index version they were computed at. */
  private readonly cache = new Map<string, { readonly version: number; readonly policies: EndpointPolicies }>();
  /**
   * Stage lists by endpoint kind and set of matching selectors: endpoints matched by the same selectors have the
   * same policies (a pod's label change usually lands it among its new app's pods). Cleared when a policy or tier
   * changes.
   */
  private readonly byMatchSet = new Map<string, EndpointPolicies>();
  /**
   * One index for both kinds of selector, so an item's labels are indexed and checked once. Every selector is filed
   * under its canonical form, once however many policies and rules use it: generated and real clusters repeat the
   * same selectors across many policies (6.1 million policy-endpoint pairs at 100k endpoints x 10k policies of the
   * synthetic mix, 126 thousand distinct selector-endpoint pairs). Policy selectors only ever apply to endpoints, so
   * network-set matches are filtered out on the way out.
   */
  private readonly index = new SelectorIndex();

  constructor(tiers: Iterable<TierInfo> = []) {
    for (const t of tiers) this.tiers.set(t.name, t);
  }

  // ---- tiers and profiles ----

  upsertTier(tier: TierInfo): void {
    this.tiers.set(tier.name, tier);
    this.clearCaches();
  }

  removeTier(name: string): void {
    this.tiers.delete(name);
    this.clearCaches();
  }

  tierList(): TierInfo[] {
    return [...this.tiers.values()];
  }

  /** A label parent (Calico Profile); re-merges the labels of the items that list it. */
  upsertProfile(id: string, labels: ReadonlyMap<string, string>): void {
    this.profiles.set(id, this.index.table.labels(labels));
    this.refreshChildren(id);
  }

  removeProfile(id: string): void {
    this.profiles.delete(id);
    this.refreshChildren(id);
  }

  /** A Calico Profile resource: its `spec.labelsToApply` are inherited by the endpoints that list it. */
  upsertProfileResource(profile: ProfileLike): void {
    this.upsertProfile(nameOf(profile.metadata), toLabelMap(profile.spec?.labelsToApply));
  }

  /** A Namespace becomes profile `kns.<ns>` with `pcns.` labels (§3). */
  upsertNamespace(ns: LabelledLike): void {
    this.upsertProfile(
      namespaceProfileId(nameOf(ns.metadata)),
      namespaceProfileLabels(nameOf(ns.metadata), ns.metadata.labels),
    );
  }

  /** A ServiceAccount becomes profile `ksa.<ns>.<sa>` with `pcsa.` labels (§3). */
  upsertServiceAccount(sa: LabelledLike): void {
    const ns = sa.metadata.namespace ?? "";
    this.upsertProfile(
      serviceAccountProfileId(ns, nameOf(sa.metadata)),
      serviceAccountProfileLabels(nameOf(sa.metadata), sa.metadata.labels),
    );
  }

  // ---- endpoints and network sets ----

  upsertEndpoint(ep: Endpoint): void {
    const old = this.endpointMap.get(ep.id);
    if (old === undefined) this.lookup.add(ep);
    else this.lookup.replace(old, ep);
    this.endpointMap.set(ep.id, ep);
    this.upsertItem(ep, old);
  }

  removeEndpoint(id: string): void {
    const old = this.endpointMap.get(id);
    if (old !== undefined) this.lookup.remove(old);
    this.endpointMap.delete(id);
    this.removeItem(id, old);
  }

  upsertNetworkSet(set: NetworkSetItem): void {
    const old = this.networkSetMap.get(set.id);
    this.networkSetMap.set(set.id, set);
    this.upsertItem(set, old);
  }

  removeNetworkSet(id: string): void {
    const old = this.networkSetMap.get(id);
    this.networkSetMap.delete(id);
    this.removeItem(id, old);
  }

  endpoint(id: string): Endpoint | undefined {
    return this.endpointMap.get(id);
  }

  endpoints(): IterableIterator<Endpoint> {
    return this.endpointMap.values();
  }

  /** The endpoint owning an address: the first in `endpoints()` order, when several claim it. */
  endpointWithIp(ip: ParsedIp): Endpoint | undefined {
    const id = this.lookup.owners(ip)[0];
    return id === undefined ? undefined : this.endpointMap.get(id);
  }

  /** A node's host endpoints, in `endpoints()` order. */
  hostEndpointsOn(node: string): Endpoint[] {
    return this.lookup.hostsOn(node).flatMap((id) => this.endpointMap.get(id) ?? []);
  }

  networkSet(id: string): NetworkSetItem | undefined {
    return this.networkSetMap.get(id);
  }

  networkSets(): IterableIterator<NetworkSetItem> {
    return this.networkSetMap.values();
  }

  /** An endpoint's or network set's labels after profile inheritance (§3 "Label inheritance"). */
  effectiveLabels(itemId: string): ReadonlyMap<string, string> | undefined {
    return this.index.labelsOf(itemId);
  }

  /**
   * Canonical forms of every selector (of policies and of rule sides) that matches the endpoint or network set: two
   * items matched by the same selectors are alike to every policy and rule in the index.
   */
  matchingSelectors(itemId: string): ReadonlySet<string> {
    return this.index.selectorsMatching(itemId);
  }

  // ---- policies ----

  /** Adds or replaces a policy. A selector that does not parse is an error value and leaves the index unchanged. */
  upsertPolicy(p: PolicyLike): Result<CompiledPolicy, SelectorFieldError> {
    const compiled = compilePolicy(p);
    if (!compiled.ok) {
      this.errors.set(policyKey(p), compiled.error);
      return err(compiled.error);
    }
    const c = compiled.value;
    this.errors.delete(c.key);
    this.byMatchSet.clear();
    const old = this.policies.get(c.key);
    // A shared selector's matches, and so the endpoints' versions, need not change: drop their lists explicitly.
    if (old !== undefined) this.invalidateMatches(old.selector.toString());
    // Filed again before the old selectors are released: the new policy has the old one's key.
    if (old !== undefined) this.unfile(old);
    this.policies.set(c.key, c);
    this.file(c);
    this.retainSelectors(c);
    if (old !== undefined) this.releaseSelectors(old);
    this.invalidateMatches(c.selector.toString());
    return ok(c);
  }

  removePolicy(key: string): void {
    this.errors.delete(key);
    const old = this.policies.get(key);
    if (old === undefined) return;
    this.byMatchSet.clear();
    this.invalidateMatches(old.selector.toString());
    this.policies.delete(key);
    this.unfile(old);
    this.releaseSelectors(old);
  }

  policy(key: string): CompiledPolicy | undefined {
    return this.policies.get(key);
  }

  policyList(): IterableIterator<CompiledPolicy> {
    return this.policies.values();
  }

  /** Policies that could not be indexed, by key, with the selector field at fault. */
  policyErrors(): ReadonlyMap<string, SelectorFieldError> {
    return this.errors;
  }

  /** Endpoint ids the policy applies to (its effective selector, §3). */
  endpointsForPolicy(key: string): ReadonlySet<string> {
    const policy = this.policies.get(key);
    if (policy === undefined) return new Set();
    const matches = this.index.matchesOf(policy.selector.toString());
    if (this.networkSetMap.size === 0) return matches;
    return new Set([...matches].filter((id) => this.endpointMap.has(id)));
  }

  /** The endpoint's policies per stage and direction, grouped by tier in evaluation order (§2, §4). */
  policiesForEndpoint(id: string): EndpointPolicies {
    const version = this.index.versionOf(id);
    const cached = this.cache.get(id);
    if (cached !== undefined && cached.version === version) return cached.policies;
    const ep = this.endpointMap.get(id);
    const key = `${ep?.kind ?? ""} ${this.index.matchSetKey(id)}`;
    let result = this.byMatchSet.get(key);
    if (result === undefined) {
      result = this.computePolicies(id, ep);
      this.byMatchSet.set(key, result);
    }
    this.cache.set(id, { version, policies: result });
    return result;
  }

  private computePolicies(id: string, ep: Endpoint | undefined): EndpointPolicies {
    // Each selector's policies are already in order, and the sort (TimSort) merges the sorted runs.
    const applicable: CompiledPolicy[] = [];
    for (const s of this.index.selectorsMatching(id)) for (const p of this.orderedPolicies(s)) applicable.push(p);
    applicable.sort(this.compare);
    return {
      untracked: this.split(applicable, "untracked", ep),
      preDNAT: this.split(applicable, "preDNAT", ep),
      normal: this.split(applicable, "normal", ep),
      forward: this.split(applicable, "forward", ep),
    };
  }

  /** What a rule's source and destination select among the known endpoints and network sets. */
  ruleMatches(key: string, direction: Direction, ruleIndex: number): RuleMatches | undefined {
    const rule = this.policies.get(key)?.[direction].find((r) => r.index === ruleIndex);
    if (rule === undefined) return undefined;
    const side = (
      s: typeof rule.source,
      nets: { nets?: readonly string[]; notNets?: readonly string[] } | undefined,
    ) => {
      const ids = this.sideItems(s);
      return {
        unrestricted: ids === undefined,
        endpoints: ids === undefined ? [] : ids.filter((i) => this.endpointMap.has(i)),
        networkSets: ids === undefined ? [] : ids.filter((i) => this.networkSetMap.has(i)),
        nets: nets?.nets ?? [],
        notNets: nets?.notNets ?? [],
      };
    };
    return { source: side(rule.source, rule.rule.source), destination: side(rule.destination, rule.rule.destination) };
  }

  // ---- internals ----

  /** Items matching `selector` and not `notSelector`; undefined when neither is set. */
  private sideItems(s: CompiledPolicy["ingress"][number]["source"]): string[] | undefined {
    if (s.selector === undefined && s.notSelector === undefined) return undefined;
    const base =
      s.selector === undefined
        ? [...this.endpointMap.keys(), ...this.networkSetMap.keys()]
        : this.index.matchesOf(s.selector.toString());
    const excluded = s.notSelector === undefined ? undefined : this.index.matchesOf(s.notSelector.toString());
    return [...base].filter((id) => !excluded?.has(id)).sort();
  }

  private split(
    applicable: readonly CompiledPolicy[],
    stage: Stage,
    ep: Endpoint | undefined,
  ): Record<Direction, TierPolicies[]> {
    // Workload endpoints have only the normal stage; untracked, preDNAT and forward are host endpoint chains (§4).
    const usable = ep?.kind === "host" || stage === "normal";
    const out: Record<Direction, TierPolicies[]> = { ingress: [], egress: [] };
    if (!usable) return out;
    for (const direction of ["ingress", "egress"] as const) {
      for (const p of applicable) {
        if (!p.stages.has(stage) || !p.directions.has(direction)) continue;
        const list = out[direction];
        const last = list[list.length - 1];
        if (last !== undefined && last.tier === p.tier) (last.policies as CompiledPolicy[]).push(p);
        else list.push({ tier: p.tier, defaultAction: tierDefaultAction(p.tier, this.tiers), policies: [p] });
      }
    }
    return out;
  }

  private upsertItem(item: LabelledItem, old: LabelledItem | undefined): void {
    if (old === undefined || !sameList(old.profiles, item.profiles)) this.refileChildren(item, old);
    this.reindexLabels(item);
  }

  private refileChildren(item: LabelledItem, old: LabelledItem | undefined): void {
    const children = this.childrenOfProfile;
    if (children === undefined) return;
    if (old !== undefined) for (const pid of old.profiles) children.get(pid)?.delete(item.id);
    fileChild(children, item);
  }

  private removeItem(id: string, old: LabelledItem | undefined): void {
    if (old === undefined) return;
    if (this.childrenOfProfile !== undefined)
      for (const pid of old.profiles) this.childrenOfProfile.get(pid)?.delete(id);
    this.index.removeItem(id);
    this.cache.delete(id);
  }

  private reindexLabels(item: LabelledItem): void {
    const own = this.index.table.labels(item.ownLabels);
    this.index.upsertInternedItem(
      item.id,
      mergeLabels(
        own,
        item.profiles.map((p) => this.profiles.get(p)),
      ),
    );
  }

  private refreshChildren(profileId: string): void {
    if (this.childrenOfProfile === undefined) {
      if (this.endpointMap.size === 0 && this.networkSetMap.size === 0) return;
      const children = new Map<string, Set<string>>();
      for (const item of this.endpointMap.values()) fileChild(children, item);
      for (const item of this.networkSetMap.values()) fileChild(children, item);
      this.childrenOfProfile = children;
    }
    for (const id of this.childrenOfProfile.get(profileId) ?? []) {
      const item = this.endpointMap.get(id) ?? this.networkSetMap.get(id);
      if (item !== undefined) this.reindexLabels(item);
    }
  }

  /**
   * Drops the cached lists of the endpoints `selector` matches, walking whichever is shorter: the cache or the
   * matches (a selector shared by many policies matches a quarter of the endpoints; the cache is empty while a
   * cluster loads).
   */
  private invalidateMatches(selector: string): void {
    if (this.cache.size === 0) return;
    if (this.cache.size < this.index.matchCount(selector)) {
      for (const id of this.cache.keys()) if (this.index.isMatch(selector, id)) this.cache.delete(id);
    } else this.index.forEachMatch(selector, this.invalidate);
  }

  private clearCaches(): void {
    this.cache.clear();
    this.byMatchSet.clear();
    this.orderedBySelector.clear();
  }

  private readonly compare = (a: CompiledPolicy, b: CompiledPolicy): number => comparePolicies(a, b, this.tiers);

  private orderedPolicies(selector: string): readonly CompiledPolicy[] {
    let ordered = this.orderedBySelector.get(selector);
    if (ordered === undefined) {
      const list: CompiledPolicy[] = [];
      for (const key of this.policiesBySelector.get(selector) ?? []) {
        const p = this.policies.get(key);
        if (p !== undefined) list.push(p);
      }
      ordered = list.sort(this.compare);
      this.orderedBySelector.set(selector, ordered);
    }
    return ordered;
  }

  private readonly invalidate = (id: string): void => {
    this.cache.delete(id);
  };

  /** Lists the policy under its selector, where `policiesForEndpoint` finds it. */
  private file(p: CompiledPolicy): void {
    const id = p.selector.toString();
    this.orderedBySelector.delete(id);
    let keys = this.policiesBySelector.get(id);
    if (keys === undefined) {
      keys = new Set();
      this.policiesBySelector.set(id, keys);
    }
    keys.add(p.key);
  }

  private unfile(p: CompiledPolicy): void {
    const id = p.selector.toString();
    this.orderedBySelector.delete(id);
    const keys = this.policiesBySelector.get(id);
    keys?.delete(p.key);
    if (keys?.size === 0) this.policiesBySelector.delete(id);
  }

  private retainSelectors(p: CompiledPolicy): void {
    this.retain(p.selector);
    for (const s of ruleSelectorsOf(p)) this.retain(s);
  }

  private releaseSelectors(p: CompiledPolicy): void {
    this.release(p.selector);
    for (const s of ruleSelectorsOf(p)) this.release(s);
  }

  private retain(s: Selector): void {
    const id = s.toString();
    const n = this.selectorRefs.get(id) ?? 0;
    this.selectorRefs.set(id, n + 1);
    if (n === 0) this.index.upsertSelector(id, s);
  }

  private release(s: Selector): void {
    const id = s.toString();
    const n = (this.selectorRefs.get(id) ?? 1) - 1;
    if (n > 0) this.selectorRefs.set(id, n);
    else {
      this.selectorRefs.delete(id);
      this.index.removeSelector(id);
    }
  }
}

/** Lists the item under each profile it names. */
function fileChild(children: Map<string, Set<string>>, item: LabelledItem): void {
  for (const pid of item.profiles) {
    let ids = children.get(pid);
    if (ids === undefined) {
      ids = new Set();
      children.set(pid, ids);
    }
    ids.add(item.id);
  }
}

/** Every selector a policy's rules use (sources and destinations, selector and notSelector). */
export function* ruleSelectorsOf(p: CompiledPolicy): Generator<Selector> {
  for (const r of [...p.ingress, ...p.egress]) {
    for (const side of [r.source, r.destination]) {
      if (side.selector !== undefined) yield side.selector;
      if (side.notSelector !== undefined) yield side.notSelector;
    }
  }
}
