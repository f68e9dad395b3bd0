import {
  type AdminEnforcementState,
  type AdminPolicyKind,
  adminEnforcement,
  adminPolicyAsIndexed,
  CALICO_CREATED_TIERS,
  type EndpointSliceLike,
  type HostEndpointLike,
  hostEndpoint,
  hostEndpointId,
  isAdminPolicyKind,
  type KubernetesNetworkPolicy,
  k8sNetworkPolicyToCalico,
  type LabelledLike,
  MatchIndex,
  type NetworkSetLike,
  namespaceProfileId,
  networkSetItem,
  type PodLike,
  type PolicyLike,
  policyKey,
  type ReleaseRange,
  ServiceSlices,
  serviceAccountProfileId,
  TIERED_POLICY_KINDS,
  workloadEndpointFromPod,
  workloadEndpointId,
} from "@palisade/calico";
import type { ChangeAction } from "../kube/informer";
import type { KubeObject } from "../kube/resources";
import { SharedEndpointParts } from "./shared-endpoint-parts";

/**
 * The match index of one cluster, fed incrementally from the informers' changes: tiers, policies, host endpoints,
 * the workload endpoints Calico derives from pods, namespace and service-account profiles, and network sets
 * (docs/calico-semantics.md sections 3 and 6); and the Services' members from their EndpointSlices, for rules with
 * `services` (section 5). Objects arrive in user-facing (v3) form.
 */
export class ClusterModel {
  readonly index = new MatchIndex();
  readonly services = new ServiceSlices();
  /** What pods' workload endpoints have in common, held once. */
  private readonly shared = new SharedEndpointParts();
  /** What is known of the cluster's Calico release: it decides which admin policy kinds are indexed. */
  private release: ReleaseRange = {};
  /** Every admin policy seen, indexed or not, by policy key: a change of release re-applies them. */
  private readonly adminPolicies = new Map<string, { kind: AdminPolicyKind; obj: KubeObject }>();
  /** Tiers this model created for admin policies (Calico creates them itself), not from Tier objects. */
  private readonly createdTiers = new Set<string>();

  /**
   * Whether the cluster's Calico enforces an admin policy kind (docs/calico-semantics.md §8). The model indexes, and
   * so explains and draws, every kind that is not `not-enforced`: an `unknown` one is indexed, and the views say so.
   */
  adminEnforcement(kind: AdminPolicyKind): AdminEnforcementState {
    return adminEnforcement(kind, this.release);
  }

  /**
   * Sets what is known of the Calico release, re-indexing the admin policies of each kind whose enforcement changes.
   * True when the index changed.
   */
  setRelease(release: ReleaseRange): boolean {
    const before = this.release;
    this.release = release;
    const indexed = (kind: AdminPolicyKind, r: ReleaseRange) => adminEnforcement(kind, r) !== "not-enforced";
    let changed = false;
    for (const { kind, obj } of this.adminPolicies.values()) {
      if (indexed(kind, before) === indexed(kind, release)) continue;
      this.applyAdminPolicy(kind, false, obj);
      changed = true;
    }
    if (!changed) return false;
    // A tier Calico creates for an admin kind it no longer evaluates goes with the kind.
    const used = new Set(
      [...this.adminPolicies.values()]
        .filter(({ kind }) => indexed(kind, release))
        .map(({ kind, obj }) => adminPolicyAsIndexed(kind, obj)?.spec.tier),
    );
    for (const tier of this.createdTiers) {
      if (used.has(tier)) continue;
      this.createdTiers.delete(tier);
      this.index.removeTier(tier);
    }
    return true;
  }

  /**
   * Builds the index from a whole cluster at once, as `indexCluster` does: label parents, then the labelled items,
   * then the policies, whose selectors each scan their cheapest candidates once. Fed in the order lists happen to
   * end (policies before most pods), every pod would instead be checked against selectors filed before any item
   * existed, and every namespace's labels would re-merge its pods: 42–77 s of CPU at 100k endpoints × 10k policies.
   */
  load(resources: Iterable<string>, objects: (resource: string) => Iterable<KubeObject>): void {
    const rank = (resource: string) => {
      const i = LOAD_ORDER.indexOf(resource);
      return i < 0 ? LOAD_ORDER.length : i;
    };
    for (const resource of [...resources].sort((a, b) => rank(a) - rank(b))) {
      for (const obj of objects(resource)) this.apply(resource, "added", obj);
    }
  }

  apply(resource: string, action: ChangeAction, obj: KubeObject): void {
    const removed = action === "deleted";
    switch (resource) {
      case "Tier":
        this.createdTiers.delete(obj.metadata.name);
        if (removed) this.index.removeTier(obj.metadata.name);
        else this.index.upsertTier(tierInfo(obj));
        return;
      case "HostEndpoint":
        if (removed) this.index.removeEndpoint(hostEndpointId(obj.metadata.name));
        else this.index.upsertEndpoint(hostEndpoint(asHostEndpoint(obj)));
        return;
      case "Pod": {
        const id = workloadEndpointId(obj.metadata.namespace ?? "", obj.metadata.name);
        if (removed || !hasWorkloadEndpoint(obj)) this.index.removeEndpoint(id);
        else this.index.upsertEndpoint(this.shared.share(workloadEndpointFromPod(obj as unknown as PodLike)));
        return;
      }
      case "Namespace":
        if (removed) this.index.removeProfile(namespaceProfileId(obj.metadata.name));
        else this.index.upsertNamespace(obj as LabelledLike);
        return;
      case "ServiceAccount":
        if (removed) this.index.removeProfile(serviceAccountProfileId(obj.metadata.namespace ?? "", obj.metadata.name));
        else this.index.upsertServiceAccount(obj as LabelledLike);
        return;
      case "GlobalNetworkSet":
      case "NetworkSet": {
        const set = networkSetItem(asNetworkSet(obj));
        if (removed) this.index.removeNetworkSet(set.id);
        else this.index.upsertNetworkSet(set);
        return;
      }
      case "EndpointSlice": {
        const key = `${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
        if (removed) this.services.remove(key);
        else this.services.upsert(key, asEndpointSlice(obj));
        return;
      }
      case "KubernetesNetworkPolicy":
      case "StagedKubernetesNetworkPolicy": {
        const policy = calicoFormOfKubernetesPolicy(resource, obj).policy;
        if (removed) this.index.removePolicy(policyKey(policy));
        else this.index.upsertPolicy(policy);
        return;
      }
      default:
        if (isAdminPolicyKind(resource)) {
          this.applyAdminPolicy(resource, removed, obj);
          return;
        }
        // Calico's own policy kinds go into the index as they are (v3 form).
        if (TIERED_POLICY_KINDS.has(resource)) {
          const policy = asPolicy(obj);
          if (removed) this.index.removePolicy(policyKey(policy));
          else this.index.upsertPolicy(policy);
        }
    }
  }

  /**
   * An admin policy as the GlobalNetworkPolicy Calico converts it into (docs/calico-semantics.md §8), if the cluster's
   * Calico may enforce its kind. Calico creates its tier itself, so a cluster whose Tier objects do not include it
   * still evaluates it there.
   */
  private applyAdminPolicy(kind: AdminPolicyKind, removed: boolean, obj: KubeObject): void {
    const key = policyKey({ kind, metadata: obj.metadata });
    if (removed) this.adminPolicies.delete(key);
    else this.adminPolicies.set(key, { kind, obj });
    const policy = this.adminEnforcement(kind) === "not-enforced" ? undefined : adminPolicyAsIndexed(kind, obj);
    if (removed || policy === undefined) {
      this.index.removePolicy(key);
      return;
    }
    const tier = policy.spec.tier ?? "";
    const created = CALICO_CREATED_TIERS.get(tier);
    if (created !== undefined && !this.index.tierList().some((t) => t.name === tier)) {
      this.index.upsertTier(created);
      this.createdTiers.add(tier);
    }
    this.index.upsertPolicy(policy);
  }
}

/** What `load` applies first, in this order; every other resource (the policy kinds) after. */
const LOAD_ORDER: readonly string[] = [
  "Tier",
  "Namespace",
  "ServiceAccount",
  "HostEndpoint",
  "Pod",
  "GlobalNetworkSet",
  "NetworkSet",
  "EndpointSlice",
];

/**
 * Calico makes a workload endpoint for a pod on the pod network that is not finished (host-network pods have none;
 * kube-controllers and the CNI skip them).
 */
function hasWorkloadEndpoint(pod: KubeObject): boolean {
  const spec = (pod.spec ?? {}) as { hostNetwork?: boolean };
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return spec.hostNetwork !== true && phase !== "Succeeded" && phase !== "Failed";
}

function tierInfo(obj: KubeObject) {
  const spec = obj.spec ?? {};
  const defaultAction = spec.defaultAction === "Pass" ? "Pass" : "Deny";
  return {
    name: obj.metadata.name,
    order: typeof spec.order === "number" ? spec.order : undefined,
    defaultAction,
  } as const;
}

/**
 * A Kubernetes NetworkPolicy (or a StagedKubernetesNetworkPolicy) as the Calico policy Felix enforces
 * (docs/calico-semantics.md sections 2 and 3, the calico package's `k8sNetworkPolicyToCalico`), keyed by its own kind
 * so it never collides with a Calico NetworkPolicy of the same name.
 */
export function calicoFormOfKubernetesPolicy(
  resource: string,
  obj: KubeObject,
): { policy: PolicyLike & { apiVersion: string }; dropped: readonly { path: string; message: string }[] } {
  const converted = k8sNetworkPolicyToCalico(obj as unknown as KubernetesNetworkPolicy);
  return {
    policy: { ...converted.policy, kind: resource } as PolicyLike & { apiVersion: string },
    dropped: converted.errors,
  };
}

export function asPolicy(obj: KubeObject): PolicyLike {
  return { kind: obj.kind ?? "", metadata: obj.metadata, spec: (obj.spec ?? {}) as PolicyLike["spec"] };
}

function asHostEndpoint(obj: KubeObject): HostEndpointLike {
  return { metadata: obj.metadata, spec: (obj.spec ?? {}) as HostEndpointLike["spec"] };
}

function asNetworkSet(obj: KubeObject): NetworkSetLike {
  return { kind: obj.kind ?? "", metadata: obj.metadata, spec: (obj.spec ?? {}) as NetworkSetLike["spec"] };
}

/** The fields of a cached EndpointSlice Felix reads (kube/projection.ts keeps them). */
function asEndpointSlice(o: KubeObject): EndpointSliceLike {
  const list = (v: unknown): Record<string, unknown>[] =>
    Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null) : [];
  return {
    metadata: { namespace: o.metadata.namespace, ...(o.metadata.labels ? { labels: o.metadata.labels } : {}) },
    endpoints: list(o.endpoints).map((e) => ({
      addresses: Array.isArray(e.addresses) ? e.addresses.filter((a): a is string => typeof a === "string") : [],
    })),
    ports: list(o.ports).map((p) => ({
      port: typeof p.port === "number" ? p.port : null,
      protocol: typeof p.protocol === "string" ? p.protocol : null,
    })),
  };
}
