/**
 * The resource kinds Palisade reads and writes, defined once with what each means; every other list of kinds (the
 * BFF's caches, routes and permissions, the wire schemas, the dashboard's filters and live updates) is derived from
 * this table. Schemas live elsewhere (resources.ts, crd.ts), so a bundle that only names kinds carries none.
 */

export const CALICO_GROUP = "projectcalico.org";
export const CALICO_API_VERSION = "projectcalico.org/v3";
export const K8S_NETWORKING_API_VERSION = "networking.k8s.io/v1";
/** The Kubernetes admin policies' group (sigs.k8s.io/network-policy-api): v1alpha1 AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy, v1alpha2 ClusterNetworkPolicy. */
export const ADMIN_POLICY_GROUP = "policy.networking.k8s.io";
export const ADMIN_POLICY_API_VERSION = `${ADMIN_POLICY_GROUP}/v1alpha1`;
export const CLUSTER_NETWORK_POLICY_API_VERSION = `${ADMIN_POLICY_GROUP}/v1alpha2`;

/** The policy kinds: every kind whose objects select endpoints and carry rules. */
export type PolicyKind =
  | "GlobalNetworkPolicy"
  | "NetworkPolicy"
  | "KubernetesNetworkPolicy"
  | "StagedGlobalNetworkPolicy"
  | "StagedNetworkPolicy"
  | "StagedKubernetesNetworkPolicy"
  | "AdminNetworkPolicy"
  | "BaselineAdminNetworkPolicy"
  | "ClusterNetworkPolicy";

/** The Kubernetes admin policy kinds: converted by Calico into policies of the kube-admin and kube-baseline tiers. */
export type AdminPolicyKind = "AdminNetworkPolicy" | "BaselineAdminNetworkPolicy" | "ClusterNetworkPolicy";

/**
 * Palisade's name for each kind it reads and writes. `KubernetesNetworkPolicy` is `networking.k8s.io/v1`
 * NetworkPolicy, named as Calico v3.32 names it internally (docs/calico-semantics.md §3) so that a kind alone is
 * unambiguous in refs and URLs; the objects themselves keep their real apiVersion and kind.
 */
export type ResourceKind = PolicyKind | "Tier" | "HostEndpoint" | "GlobalNetworkSet" | "NetworkSet";

/** What a policy kind means beyond its schema. */
export interface PolicyTraits {
  /** Staged: evaluated and reported, never enforced (docs/calico-semantics.md §2). */
  readonly staged: boolean;
  /**
   * The form the kind is written in: `calico` (Calico's own, tiered, stored with a tier prefix in
   * `crd.projectcalico.org/v1`), `kubernetes` (Kubernetes NetworkPolicy form, no tier or order, translated to a Calico
   * policy in the default tier) or `admin` (a Kubernetes admin policy, translated to a Calico policy in tier kube-admin
   * or kube-baseline, docs/calico-semantics.md §8).
   */
  readonly form: PolicyForm;
}

export type PolicyForm = "calico" | "kubernetes" | "admin";

export interface KindInfo<K extends ResourceKind = ResourceKind> {
  readonly resourceKind: K;
  /** `kind` as written in manifests. */
  readonly kind: string;
  readonly apiVersion: string;
  /** The REST collection, the same in `projectcalico.org/v3` and `crd.projectcalico.org/v1`. */
  readonly plural: string;
  readonly namespaced: boolean;
  /** Set exactly for the policy kinds (the table's type holds it so). */
  readonly policy: K extends PolicyKind ? PolicyTraits : undefined;
}

/** A kind served by a Calico CRD (every kind but Kubernetes' own NetworkPolicy and the admin policies). */
export type CalicoKind = Exclude<ResourceKind, "KubernetesNetworkPolicy" | AdminPolicyKind>;

const ENFORCED: PolicyTraits = { staged: false, form: "calico" };
const STAGED: PolicyTraits = { staged: true, form: "calico" };

function admin<K extends AdminPolicyKind>(kind: K, plural: string, apiVersion: string): KindInfo<K> {
  return {
    resourceKind: kind,
    kind,
    apiVersion,
    plural,
    namespaced: false,
    policy: { staged: false, form: "admin" },
  } as KindInfo<K>;
}

function calico<K extends CalicoKind>(
  kind: K,
  plural: string,
  namespaced: boolean,
  policy: KindInfo<K>["policy"],
): KindInfo<K> {
  return { resourceKind: kind, kind, apiVersion: CALICO_API_VERSION, plural, namespaced, policy };
}

/** The table of kinds, in the order lists of them are shown. */
export const KINDS: { readonly [K in ResourceKind]: KindInfo<K> } = {
  GlobalNetworkPolicy: calico("GlobalNetworkPolicy", "globalnetworkpolicies", false, ENFORCED),
  NetworkPolicy: calico("NetworkPolicy", "networkpolicies", true, ENFORCED),
  KubernetesNetworkPolicy: {
    resourceKind: "KubernetesNetworkPolicy",
    kind: "NetworkPolicy",
    apiVersion: K8S_NETWORKING_API_VERSION,
    plural: "networkpolicies",
    namespaced: true,
    policy: { staged: false, form: "kubernetes" },
  },
  StagedGlobalNetworkPolicy: calico("StagedGlobalNetworkPolicy", "stagedglobalnetworkpolicies", false, STAGED),
  StagedNetworkPolicy: calico("StagedNetworkPolicy", "stagednetworkpolicies", true, STAGED),
  StagedKubernetesNetworkPolicy: calico("StagedKubernetesNetworkPolicy", "stagedkubernetesnetworkpolicies", true, {
    staged: true,
    form: "kubernetes",
  }),
  AdminNetworkPolicy: admin("AdminNetworkPolicy", "adminnetworkpolicies", ADMIN_POLICY_API_VERSION),
  BaselineAdminNetworkPolicy: admin(
    "BaselineAdminNetworkPolicy",
    "baselineadminnetworkpolicies",
    ADMIN_POLICY_API_VERSION,
  ),
  ClusterNetworkPolicy: admin("ClusterNetworkPolicy", "clusternetworkpolicies", CLUSTER_NETWORK_POLICY_API_VERSION),
  HostEndpoint: calico("HostEndpoint", "hostendpoints", false, undefined),
  GlobalNetworkSet: calico("GlobalNetworkSet", "globalnetworksets", false, undefined),
  NetworkSet: calico("NetworkSet", "networksets", true, undefined),
  Tier: calico("Tier", "tiers", false, undefined),
};

export const RESOURCE_KINDS = Object.keys(KINDS) as ResourceKind[];

/** The table's row for a kind named by a string from outside (a URL, an event, a manifest's ref). */
export function kindInfo(kind: string): KindInfo | undefined {
  return Object.hasOwn(KINDS, kind) ? KINDS[kind as ResourceKind] : undefined;
}

export function isResourceKind(kind: string): kind is ResourceKind {
  return kindInfo(kind) !== undefined;
}

export const POLICY_KINDS = RESOURCE_KINDS.filter((k): k is PolicyKind => KINDS[k].policy !== undefined);

export function isPolicyKind(kind: string): kind is PolicyKind {
  return kindInfo(kind)?.policy !== undefined;
}

/** Staged policy kinds: reported, never enforced. */
export function isStagedKind(kind: string): boolean {
  return kindInfo(kind)?.policy?.staged === true;
}

/**
 * Calico's own (tiered) policy kinds, as opposed to the Kubernetes-form ones: in v1 storage their v3 name is kept in
 * the metadata annotation, and up to v3.31 they carried tier prefixes (docs/calico-semantics.md §3).
 */
export const TIERED_POLICY_KINDS: ReadonlySet<string> = new Set(
  POLICY_KINDS.filter((k) => KINDS[k].policy.form === "calico"),
);

export function isAdminPolicyKind(kind: string): kind is AdminPolicyKind {
  return kindInfo(kind)?.policy?.form === "admin";
}

/** Kinds whose objects live in a namespace. */
export function isNamespacedKind(kind: string): boolean {
  return kindInfo(kind)?.namespaced === true;
}

/** The kind Palisade names a manifest by, from its apiVersion and kind, or undefined when Palisade does not model it. */
export function resourceKindOf(apiVersion: unknown, kind: unknown): ResourceKind | undefined {
  for (const info of Object.values(KINDS)) {
    if (info.apiVersion === apiVersion && info.kind === kind) return info.resourceKind;
  }
  return undefined;
}
