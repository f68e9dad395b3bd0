import {
  type AdminPolicyKind,
  adminKindReleases,
  adminPolicyAsIndexed,
  adminPolicyToCalico,
  type CompiledRule,
  calicoIdentity,
  comparePolicies,
  compareTiers,
  compilePolicy,
  DEFAULT_TIER,
  DEFAULT_TIER_INFO,
  type EntityRule,
  isStagedKind,
  KINDS,
  type MatchIndex,
  POLICY_KINDS,
  type PolicyLike,
  policyDirections,
  policyKey,
  policySetMembership,
  policyStages,
  refLabel,
  STAGES,
  type TierInfo,
  tierOf,
} from "@palisade/calico";
import type {
  AdminEnforcement,
  Direction,
  PeerView,
  PolicyDetail,
  PolicyKind,
  PolicyList,
  PolicySummary,
  ResourceObject,
  RuleView,
  TierSummary,
} from "@palisade/contract";
import { asPolicy, calicoFormOfKubernetesPolicy } from "../cluster-model/cluster-model";
import type { Cluster } from "../clusters/cluster";
import { editable, toYaml } from "../documents/render";
import { notFound } from "../errors";
import type { KubeObject } from "../kube/resources";
import { perGeneration } from "./memo";
import { countEndpoints, endpointMatches } from "./refs";
import { peerWords, policySummaryWords, ruleWords } from "./words";

interface CalicoForm {
  /** The policy as the match index holds it (Palisade's kind and name). */
  readonly policy: PolicyLike;
  /** What Calico itself stores when it differs from the object (a translated kind), for the detail's YAML. */
  readonly calico?: PolicyLike | undefined;
  readonly dropped: readonly { path: string; message: string }[];
}

/** The policy as Calico evaluates it: Kubernetes and admin kinds translated, Calico kinds as they are. */
function calicoForm(kind: PolicyKind, obj: KubeObject): CalicoForm {
  switch (KINDS[kind].policy.form) {
    case "kubernetes": {
      const converted = calicoFormOfKubernetesPolicy(kind, obj);
      return { ...converted, calico: converted.policy };
    }
    case "admin": {
      const admin = kind as AdminPolicyKind;
      const converted = adminPolicyToCalico(admin, obj);
      // Calico ignores an object it cannot convert; the list still shows it, in the tier its kind belongs to.
      const policy = adminPolicyAsIndexed(admin, obj) ?? { kind, metadata: obj.metadata, spec: {} };
      return { policy, calico: converted.policy, dropped: converted.errors };
    }
    case "calico":
      return { policy: asPolicy(obj), dropped: [] };
  }
}

/**
 * Every policy in Calico's evaluation order (docs/calico-semantics.md section 2), with the tiers they sit in.
 * Everything in the list (policies, tiers, the endpoint counts of `matched`) comes from the cluster's caches, so a list
 * built once serves every request until a cache changes; the next list is patched from the last one
 * (`PolicyListBuilder`), since at 10,000 policies a full build costs most of a second of CPU (docs/performance.md).
 */
export const policyList = perGeneration((cluster: Cluster) => {
  let state = builders.get(cluster);
  if (state === undefined) {
    const created = { builder: new PolicyListBuilder(), endpointsChanged: true };
    cluster.onCacheChange(({ type }) => {
      if (COUNTED_RESOURCES.has(type.resource)) created.endpointsChanged = true;
    });
    builders.set(cluster, created);
    state = created;
  }
  // Until ready the model is loaded without cache changes (`Cluster.firstListsEnded`): nothing is kept then.
  const list = state.builder.build(cluster, !state.endpointsChanged && cluster.ready);
  state.endpointsChanged = false;
  return list;
});

const builders = new WeakMap<Cluster, { builder: PolicyListBuilder; endpointsChanged: boolean }>();

/** Resources whose changes can change what a selector matches: endpoints and the profiles they inherit labels from. */
const COUNTED_RESOURCES: ReadonlySet<string> = new Set(["Pod", "HostEndpoint", "Namespace", "ServiceAccount"]);

interface ListedPolicy {
  readonly object: KubeObject;
  readonly summary: PolicySummary;
  /** The summary's place in evaluation order, made once (the comparison caches its tie-break key per object). */
  readonly order: ReturnType<typeof orderKey>;
}

/**
 * Builds the policy list from the one it built last: a policy whose object, endpoint counts and enforcement are
 * unchanged keeps its summary, and the sort starts from the last order (with new policies at the end), which the
 * sort's run detection takes in nearly linear time. The result is the list a first build gives.
 */
export class PolicyListBuilder {
  private listed = new Map<string, ListedPolicy>();
  /** Ids (`listedId`) in the last list's order. */
  private lastOrder: string[] = [];
  /** Endpoint counts by canonical selector: counting walks every match (126k at 100k × 10k). */
  private counts = new Map<string, Counts>();

  /** `sameEndpoints`: no endpoint or profile changed since the last build, so its counts by selector still hold. */
  build(cluster: Cluster, sameEndpoints = false): PolicyList {
    const tiers = tierMap(cluster);
    if (!sameEndpoints) this.counts = new Map();
    const count = matchCounter(cluster, this.counts);
    const next = new Map<string, ListedPolicy>();
    for (const kind of POLICY_KINDS) {
      for (const object of cluster.objects(kind)) {
        const id = listedId(kind, object);
        const last = this.listed.get(id);
        const kept = last !== undefined && last.object === object && unchanged(cluster, kind, last.summary, count);
        const summary = kept ? last.summary : summarize(cluster, kind, object, count);
        next.set(id, kept ? last : { object, summary, order: orderKey(summary) });
      }
    }
    const ids = this.lastOrder.filter((id) => next.has(id));
    const known = new Set(ids);
    for (const id of next.keys()) if (!known.has(id)) ids.push(id);
    const entry = (id: string) => next.get(id) as ListedPolicy;
    ids.sort((a, b) => {
      const x = entry(a);
      const y = entry(b);
      // Ties (possible only between kinds Calico names alike) fall back on the key, so any start order sorts alike.
      return comparePolicies(x.order, y.order, tiers) || compareKeys(x.summary.key, y.summary.key);
    });
    this.listed = next;
    this.lastOrder = ids;
    const items = ids.map((id) => entry(id).summary);
    return { items, tiers: tierRows(cluster, tiers, items) };
  }
}

const listedId = (kind: PolicyKind, object: KubeObject) =>
  `${kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`;

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether a policy's summary still holds: its endpoint counts and (for admin kinds) its enforcement are the same. */
function unchanged(cluster: Cluster, kind: PolicyKind, summary: PolicySummary, count: MatchCount): boolean {
  const matched = count(summary.key);
  if (
    matched.hostEndpoints !== summary.matched.hostEndpoints ||
    matched.workloadEndpoints !== summary.matched.workloadEndpoints
  ) {
    return false;
  }
  if (KINDS[kind].policy.form !== "admin") return true;
  return adminEnforcementOf(cluster, kind as AdminPolicyKind).note === summary.enforcement?.note;
}

function tierRows(cluster: Cluster, tiers: Map<string, TierInfo>, items: readonly PolicySummary[]): TierSummary[] {
  const counts = new Map<string, number>();
  for (const p of items) counts.set(p.tier, (counts.get(p.tier) ?? 0) + 1);
  // A tier only policies the cluster's Calico does not enforce name is no tier of the cluster's.
  const named = items.filter((p) => p.enforcement?.state !== "not-enforced").map((p) => p.tier);
  const names = new Set([...tiers.keys(), ...named]);
  return [...names]
    .sort((a, b) => compareTiers(a, b, tiers))
    .map((name) => {
      const t = tiers.get(name);
      const obj = cluster.object("Tier", undefined, name);
      return {
        name,
        order: t?.order ?? null,
        defaultAction: t?.defaultAction ?? "Deny",
        exists: t !== undefined,
        policyCount: counts.get(name) ?? 0,
        ...(obj === undefined ? {} : { yaml: toYaml(editable(obj)) }),
      };
    });
}

/** One policy with its YAML, rules in words, the endpoints it applies to and the peers each rule matches. */
export function policyDetail(
  cluster: Cluster,
  kind: PolicyKind,
  name: string,
  namespace: string | undefined,
): PolicyDetail {
  const obj = cluster.object(kind, namespace, name);
  if (obj === undefined) throw notFound(refLabel({ kind, namespace, name }));
  const summary = summarize(cluster, kind, obj);
  const { policy, calico, dropped } = calicoForm(kind, obj);
  const index = cluster.model.index;
  const compiled = index.policy(summary.key);
  const rules: RuleView[] = [];
  for (const direction of ["ingress", "egress"] as const) {
    const list = policy.spec[direction] ?? [];
    list.forEach((rule, i) => {
      const compiledRule = compiled?.[direction].find((r) => r.index === i);
      const matches = index.ruleMatches(summary.key, direction, i);
      rules.push({
        direction: direction === "ingress" ? "Ingress" : "Egress",
        index: i,
        action: rule.action as RuleView["action"],
        words: ruleWords(rule),
        ...(rule.protocol === undefined ? {} : { protocol: String(rule.protocol) }),
        source: peerView(cluster, rule.source, compiledRule?.source, matches?.source),
        destination: peerView(cluster, rule.destination, compiledRule?.destination, matches?.destination),
      });
    });
  }
  const warnings: string[] = [];
  const selectorError = index.policyErrors().get(summary.key);
  if (selectorError !== undefined) {
    warnings.push(
      `${selectorError.field}: selector does not parse (${selectorError.message}); Calico cannot use this policy`,
    );
  }
  const notEnforced = summary.enforcement?.state === "not-enforced";
  if (summary.enforcement !== undefined) warnings.push(summary.enforcement.note);
  if (!summary.staged && !notEnforced && !tierMap(cluster).has(summary.tier)) {
    warnings.push(missingTierWarning(summary.tier));
  }
  const matchesNothing = summary.matched.hostEndpoints + summary.matched.workloadEndpoints === 0;
  if (matchesNothing && selectorError === undefined && !notEnforced) {
    warnings.push("the selector matches no endpoint in this cluster");
  }
  if (summary.staged) warnings.push("staged policy: shown for review, never enforced");
  for (const d of dropped) warnings.push(`${d.path}: ${d.message} (as Calico does)`);
  return {
    summary,
    object: obj as ResourceObject,
    yaml: toYaml(editable(obj)),
    ...(calico === undefined
      ? {}
      : { calico: { object: calico as ResourceObject, yaml: toYaml(editable(calico as KubeObject)) } }),
    rules,
    appliesTo: endpointMatches(index, index.endpointsForPolicy(summary.key)),
    ...(notEnforced ? { wouldApplyTo: endpointMatches(index, wouldSelect(index, policy)) } : {}),
    warnings,
  };
}

/**
 * The endpoints a policy left out of the index (its kind is not enforced by this release) would apply to: its
 * effective selector (§3) over every endpoint's effective labels. One whose selector does not parse selects none.
 */
function wouldSelect(index: MatchIndex, policy: PolicyLike): string[] {
  const compiled = compilePolicy(policy);
  if (!compiled.ok) return [];
  const { selector } = compiled.value;
  const ids: string[] = [];
  for (const ep of index.endpoints()) {
    const labels = index.effectiveLabels(ep.id);
    if (labels !== undefined && selector.evaluate(labels)) ids.push(ep.id);
  }
  return ids;
}

interface Counts {
  readonly hostEndpoints: number;
  readonly workloadEndpoints: number;
}

type MatchCount = (key: string) => Counts;

/**
 * Endpoint counts of a policy's selector, counted once per selector for one list: policies repeat a few broad
 * selectors (at 100k endpoints × 10k policies, 6.1 million policy–endpoint pairs are 126 thousand distinct
 * selector–endpoint ones), and a policy's matches are its selector's.
 */
function matchCounter(cluster: Cluster, bySelector = new Map<string, Counts>()): MatchCount {
  const index = cluster.model.index;
  return (key) => {
    const selector = index.policy(key)?.selector.toString();
    const hit = selector === undefined ? undefined : bySelector.get(selector);
    if (hit !== undefined) return hit;
    const counted = countEndpoints(index.endpointsForPolicy(key));
    if (selector !== undefined) bySelector.set(selector, counted);
    return counted;
  };
}

function summarize(cluster: Cluster, kind: PolicyKind, obj: KubeObject, count?: MatchCount): PolicySummary {
  const { policy } = calicoForm(kind, obj);
  const spec = policy.spec;
  const key = policyKey(policy);
  const namespace = obj.metadata.namespace;
  const namespaced = namespace !== undefined && namespace !== "";
  const directions = policyDirections(policy);
  // Felix files namespaced policies under forward too, but they can never select a host endpoint (their selector is
  // pinned to the namespace, docs/calico-semantics.md section 3) and workload endpoints only have the normal stage
  // (section 4): normal is the only place they take effect, and the only badge the table shows.
  const stages = namespaced ? new Set(["normal"]) : policyStages(policy, false);
  const ingress = spec.ingress ?? [];
  const egress = spec.egress ?? [];
  const matched = (count ?? matchCounter(cluster))(key);
  const membership = policySetMembership(obj.metadata);
  return {
    key,
    kind,
    name: obj.metadata.name,
    ...(namespaced ? { namespace } : {}),
    ...calicoNameOf(kind, obj.metadata.name),
    tier: tierOf({ tier: spec.tier }),
    order: spec.order ?? null,
    selector: spec.selector ?? "",
    types: (["ingress", "egress"] as const).filter((d) => directions.has(d)).map(toDirection),
    preDNAT: spec.preDNAT === true,
    applyOnForward: spec.applyOnForward === true,
    doNotTrack: spec.doNotTrack === true,
    staged: isStagedKind(kind),
    stages: STAGES.filter((s) => stages.has(s)),
    matched,
    ingressRules: ingress.length,
    egressRules: egress.length,
    summary: policySummaryWords(ingress, egress, matched.hostEndpoints + matched.workloadEndpoints === 0),
    resourceVersion: obj.metadata.resourceVersion ?? "",
    ...(membership === undefined ? {} : { policySet: { set: membership.set, region: membership.region } }),
    ...(KINDS[kind].policy.form === "admin"
      ? { enforcement: adminEnforcementOf(cluster, kind as AdminPolicyKind) }
      : {}),
  };
}

function peerView(
  cluster: Cluster,
  side: EntityRule | undefined,
  compiled: CompiledRule["source"] | undefined,
  matches: { unrestricted: boolean; endpoints: readonly string[] } | undefined,
): PeerView {
  const selector = compiled?.selector?.toString();
  return {
    words: peerWords(side),
    ...(selector === undefined ? {} : { selector }),
    nets: [...(side?.nets ?? [])],
    notNets: [...(side?.notNets ?? [])],
    ports: (side?.ports ?? []).map(String),
    notPorts: (side?.notPorts ?? []).map(String),
    ...(matches === undefined || matches.unrestricted
      ? {}
      : { endpoints: endpointMatches(cluster.model.index, matches.endpoints) }),
  };
}

/** What replaced, or was replaced by, each admin kind (docs/calico-semantics.md §8). */
const ADMIN_SUCCESSION: Readonly<Record<AdminPolicyKind, string>> = {
  AdminNetworkPolicy: "v3.32 replaced it with ClusterNetworkPolicy",
  BaselineAdminNetworkPolicy: "v3.32 replaced it with ClusterNetworkPolicy",
  ClusterNetworkPolicy: "earlier releases enforce AdminNetworkPolicy and BaselineAdminNetworkPolicy instead",
};

/** Whether the cluster's Calico enforces `kind`, as the match index has it, in words. */
export function adminEnforcementOf(cluster: Cluster, kind: AdminPolicyKind): AdminEnforcement {
  const state = cluster.model.adminEnforcement(kind);
  const { calico } = cluster.calicoRelease;
  const which = `Calico ${adminKindReleases(kind)} enforce ${kind} (${ADMIN_SUCCESSION[kind]})`;
  switch (state) {
    case "enforced":
      return { state, note: `Enforced by ${calico}: ${which}` };
    case "not-enforced":
      return {
        state,
        note: `Not enforced by ${calico}: only ${which}; explain, the graph and what-if leave it out`,
      };
    case "unknown":
      return {
        state,
        note: `Not known to be enforced (${calico}): ${which}; explain, the graph and what-if treat it as enforced`,
      };
  }
}

/** The name Calico stores a translated policy under, where it differs from the object's. */
function calicoNameOf(kind: PolicyKind, name: string): { calicoName?: string } {
  const form = KINDS[kind].policy.form;
  if (form === "kubernetes") return { calicoName: `knp.default.${name}` };
  if (form === "admin") {
    const calico = calicoIdentity(kind, name).name;
    return calico === name ? {} : { calicoName: calico };
  }
  return {};
}

function toDirection(d: "ingress" | "egress"): Direction {
  return d === "ingress" ? "Ingress" : "Egress";
}

function orderKey(p: PolicySummary) {
  return { kind: p.kind, name: p.name, namespace: p.namespace, tier: p.tier, order: p.order ?? undefined };
}

/**
 * A policy whose tier has no Tier object: Felix still enforces it (felix/calc `PolicyResolver` keeps tiers that are
 * not valid, `TierLess` sorts them after every valid one) and its end of tier drops (no default action, so not Pass).
 */
export function missingTierWarning(tier: string): string {
  return `tier ${tier} has no Tier object: Felix evaluates this policy after every existing tier, and drops at the end of that tier what no policy in it decided`;
}

/** Tiers as the index knows them; the built-in default tier is assumed when the cluster has no Tier object for it. */
export function tierMap(cluster: Cluster): Map<string, TierInfo> {
  const tiers = new Map(cluster.model.index.tierList().map((t) => [t.name, t]));
  if (!tiers.has(DEFAULT_TIER) && cluster.servedType("Tier") === undefined) tiers.set(DEFAULT_TIER, DEFAULT_TIER_INFO);
  return tiers;
}
