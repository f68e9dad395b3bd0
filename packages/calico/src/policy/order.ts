/**
 * Calico's policy evaluation order. Semantics: docs/calico-semantics.md section 2
 * (felix/calc/policy_sorter.go `TierLess` and `PolKVLess`).
 */

/** What ordering needs to know about a Tier object that exists in the cluster. */
export interface TierInfo {
  readonly name: string;
  /** `spec.order`; undefined when the Tier sets none. */
  readonly order?: number | undefined;
  /** `spec.defaultAction`: what happens at the end of the tier when no policy decided; the CRD default is Deny. */
  readonly defaultAction?: "Deny" | "Pass" | undefined;
}

/** What ordering needs to know about a policy of any kind. */
export interface PolicyOrderKey {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string | undefined;
  /** Tier name; an empty or missing tier means `default`. */
  readonly tier?: string | undefined;
  /** `spec.order`; undefined sorts as +Inf, after every ordered policy. */
  readonly order?: number | undefined;
}

/** The tier of a policy that names none. */
export const DEFAULT_TIER = "default";

/** The tier Calico puts AdminNetworkPolicies (and Admin-tier ClusterNetworkPolicies) in, before `default`. */
export const KUBE_ADMIN_TIER = "kube-admin";
/** The tier of the BaselineAdminNetworkPolicy (and Baseline-tier ClusterNetworkPolicies), after `default`. */
export const KUBE_BASELINE_TIER = "kube-baseline";

/**
 * The tiers of Calico v3.29 to v3.31 for AdminNetworkPolicies and the BaselineAdminNetworkPolicy (names/policy.go),
 * with the same orders and default action as kube-admin and kube-baseline, which replace them in v3.32.
 */
export const ADMIN_NETWORK_POLICY_TIER = "adminnetworkpolicy";
export const BASELINE_ADMIN_NETWORK_POLICY_TIER = "baselineadminnetworkpolicy";

/** Orders the built-in tiers carry (validator.go `validateTier`). */
export const BUILT_IN_TIER_ORDERS: Readonly<Record<string, number>> = {
  [KUBE_ADMIN_TIER]: 1_000,
  [DEFAULT_TIER]: 1_000_000,
  [KUBE_BASELINE_TIER]: 10_000_000,
};

/**
 * Default actions the Tier CRD's CEL rules require of the built-in tiers (docs/calico-semantics.md §2); used when a
 * policy names a built-in tier whose object is not known. Any other tier defaults to Deny (the CRD default).
 */
export const BUILT_IN_TIER_DEFAULT_ACTIONS: Readonly<Record<string, "Deny" | "Pass">> = {
  [KUBE_ADMIN_TIER]: "Pass",
  [DEFAULT_TIER]: "Deny",
  [KUBE_BASELINE_TIER]: "Pass",
  [ADMIN_NETWORK_POLICY_TIER]: "Pass",
  [BASELINE_ADMIN_NETWORK_POLICY_TIER]: "Pass",
};

/**
 * The tiers Calico creates itself (clientv3 `ensureTierExists`: v3.32's built-in tiers, and v3.31's two admin tiers),
 * as they are when created: a cluster whose Tier objects Palisade cannot see still has them.
 */
export const CALICO_CREATED_TIERS: ReadonlyMap<string, TierInfo> = new Map(
  [
    [KUBE_ADMIN_TIER, 1_000],
    [DEFAULT_TIER, 1_000_000],
    [KUBE_BASELINE_TIER, 10_000_000],
    [ADMIN_NETWORK_POLICY_TIER, 1_000],
    [BASELINE_ADMIN_NETWORK_POLICY_TIER, 10_000_000],
  ].map(([name, order]) => [
    name as string,
    { name: name as string, order: order as number, defaultAction: BUILT_IN_TIER_DEFAULT_ACTIONS[name as string] },
  ]),
);

/** What happens at the end of `tier` when no policy in it decided. */
export function tierDefaultAction(tier: string, tiers: ReadonlyMap<string, TierInfo>): "Deny" | "Pass" {
  return tiers.get(tier)?.defaultAction ?? BUILT_IN_TIER_DEFAULT_ACTIONS[tier] ?? "Deny";
}

/** The default tier as Calico creates it, for a cluster whose Tier objects are not known. */
export const DEFAULT_TIER_INFO: TierInfo = {
  name: DEFAULT_TIER,
  order: BUILT_IN_TIER_ORDERS[DEFAULT_TIER],
  defaultAction: BUILT_IN_TIER_DEFAULT_ACTIONS[DEFAULT_TIER],
};

export function tierOf(policy: Pick<PolicyOrderKey, "tier">): string {
  return policy.tier === undefined || policy.tier === "" ? DEFAULT_TIER : policy.tier;
}

/**
 * `TierLess`: tiers that exist before tiers that policies name but that have no Tier object; tiers with an order
 * before tiers without one; then ascending order, then name.
 */
export function compareTiers(a: string, b: string, tiers: ReadonlyMap<string, TierInfo>): number {
  const ta = tiers.get(a);
  const tb = tiers.get(b);
  if ((ta === undefined) !== (tb === undefined)) return ta === undefined ? 1 : -1;
  const oa = ta?.order;
  const ob = tb?.order;
  if ((oa === undefined) !== (ob === undefined)) return oa === undefined ? 1 : -1;
  if (oa !== undefined && ob !== undefined && oa !== ob) return oa < ob ? -1 : 1;
  return compareStrings(a, b);
}

/**
 * `PolKVLess` within a tier: ascending order with unset as +Inf, then the string `name/namespace/kind`
 * (Go compares it byte-wise, so the namespace and kind only break ties between equal names).
 */
export function comparePoliciesInTier(a: PolicyOrderKey, b: PolicyOrderKey): number {
  const oa = a.order ?? Number.POSITIVE_INFINITY;
  const ob = b.order ?? Number.POSITIVE_INFINITY;
  if (oa !== ob) return oa < ob ? -1 : 1;
  return compareStrings(tieBreakKey(a), tieBreakKey(b));
}

/** Full evaluation order: tier first, then the in-tier order. */
export function comparePolicies(a: PolicyOrderKey, b: PolicyOrderKey, tiers: ReadonlyMap<string, TierInfo>): number {
  const byTier = compareTiers(tierOf(a), tierOf(b), tiers);
  return byTier !== 0 ? byTier : comparePoliciesInTier(a, b);
}

/** Returns a new array in evaluation order. */
export function sortPolicies<T extends PolicyOrderKey>(
  policies: readonly T[],
  tiers: ReadonlyMap<string, TierInfo>,
): T[] {
  return [...policies].sort((a, b) => comparePolicies(a, b, tiers));
}

/** Name prefixes Calico v3.31 gives converted admin policies (libcalico-go/lib/names/policy.go). */
export const ADMIN_POLICY_NAME_PREFIX = "kanp.adminnetworkpolicy.";
export const BASELINE_ADMIN_POLICY_NAME_PREFIX = "kbanp.baselineadminnetworkpolicy.";
/** The kind Calico v3.32 keys a converted ClusterNetworkPolicy by (model/kubeclusternetworkpolicy.go). */
export const CLUSTER_NETWORK_POLICY_CALICO_KIND = "KubernetesClusterNetworkPolicy";

/**
 * The kind and name Calico orders a policy by: Palisade's own for most kinds; v3.31 converts an AdminNetworkPolicy
 * or BaselineAdminNetworkPolicy into a prefixed GlobalNetworkPolicy, v3.32 a ClusterNetworkPolicy into kind
 * `KubernetesClusterNetworkPolicy` (docs/calico-semantics.md §8).
 */
export function calicoIdentity(kind: string, name: string): { kind: string; name: string } {
  if (kind === "AdminNetworkPolicy") return { kind: "GlobalNetworkPolicy", name: `${ADMIN_POLICY_NAME_PREFIX}${name}` };
  if (kind === "BaselineAdminNetworkPolicy") {
    return { kind: "GlobalNetworkPolicy", name: `${BASELINE_ADMIN_POLICY_NAME_PREFIX}${name}` };
  }
  if (kind === "ClusterNetworkPolicy") return { kind: CLUSTER_NETWORK_POLICY_CALICO_KIND, name };
  return { kind, name };
}

/** Tie-break keys by policy object: an endpoint's list sorts some sixty policies, a few hundred comparisons. */
const tieBreakKeys = new WeakMap<PolicyOrderKey, string>();

function tieBreakKey(p: PolicyOrderKey): string {
  let key = tieBreakKeys.get(p);
  if (key === undefined) {
    const { kind, name } = calicoIdentity(p.kind, p.name);
    key = `${name}/${p.namespace ?? ""}/${kind}`;
    tieBreakKeys.set(p, key);
  }
  return key;
}

/** Byte-wise comparison as Go's `<` on strings does (UTF-8 order equals code point order). */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ca = [...a];
  const cb = [...b];
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const x = ca[i]?.codePointAt(0) ?? 0;
    const y = cb[i]?.codePointAt(0) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return ca.length < cb.length ? -1 : 1;
}
