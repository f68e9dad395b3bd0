import {
  applyPolicyDefaults,
  BUILT_IN_TIER_ORDERS,
  resourceKey,
  resourceKindOf,
  TIER_LABEL,
  TIERED_POLICY_KINDS,
  tierOf,
} from "@palisade/calico";
import type { ApplyAction, ExpectedVersion, FieldError, ResourceRef } from "@palisade/contract";
import type { WhatIfChange } from "../cluster-model/what-if";
import type { Cluster } from "../clusters/cluster";
import { HttpError } from "../errors";
import { type KubeObject, type ResourceType, typeOf } from "../kube/resources";
import { canonicalForm } from "./render";

/** A document after loading and validation: its position and the object as the user wrote it. */
export interface LoadedDocument {
  readonly index: number;
  /** 1-based line where the document starts. */
  readonly line: number;
  readonly object: KubeObject;
  /** The validator's warnings (field path and message): what Calico accepts but rarely means. */
  readonly warnings: readonly { readonly path: string; readonly message: string }[];
}

/** One document planned against the cache: what it is, what is live, and the version a write must replace. */
export interface PlannedDocument {
  readonly index: number;
  readonly line: number;
  readonly ref: ResourceRef;
  readonly type: ResourceType;
  readonly proposed: KubeObject;
  readonly live: KubeObject | undefined;
  /** The version the write is based on; null means the object must not exist yet. */
  readonly expected: string | null;
  readonly action: ApplyAction;
  readonly warnings: LoadedDocument["warnings"];
}

/** The what-if changes of applying `planned`: each document's object as it would be stored. */
export function plannedChanges(planned: readonly PlannedDocument[]): WhatIfChange[] {
  return planned.map((d) => ({
    resource: d.type.resource,
    namespace: d.ref.namespace,
    name: d.ref.name,
    object: d.proposed,
  }));
}

const KIND_HINT =
  "projectcalico.org/v3 (GlobalNetworkPolicy, NetworkPolicy, Staged*, Tier, HostEndpoint, GlobalNetworkSet, NetworkSet) or networking.k8s.io/v1 NetworkPolicy";

/** The cached resource type a document's apiVersion and kind name, if Palisade manages it. */
export function typeOfDocument(obj: KubeObject): ResourceType | undefined {
  const kind = resourceKindOf(obj.apiVersion, obj.kind);
  return kind === undefined ? undefined : typeOf(kind);
}

/**
 * Resolves every document against the cluster's cache. Unknown kinds (or kinds this cluster does not serve) are a
 * 400 `UnknownKind` naming each document; the same object twice in one request is a 422.
 */
export function planDocuments(
  cluster: Cluster,
  documents: readonly LoadedDocument[],
  expected: readonly ExpectedVersion[] = [],
): PlannedDocument[] {
  const unknown: FieldError[] = [];
  const seen = new Map<string, number>();
  const duplicates: FieldError[] = [];
  const expectedByKey = new Map(expected.map((e) => [resourceKey(e.ref), e.resourceVersion]));
  const planned: PlannedDocument[] = [];
  for (const doc of documents) {
    const type = typeOfDocument(doc.object);
    const served = type === undefined ? undefined : cluster.servedType(type.resource);
    if (type === undefined || served === undefined) {
      const what = `${doc.object.apiVersion ?? "(no apiVersion)"} ${doc.object.kind ?? "(no kind)"}`;
      unknown.push({
        path: "kind",
        document: doc.index,
        line: doc.line,
        message:
          type === undefined
            ? `${what} is not a kind Palisade manages; use ${KIND_HINT}`
            : `cluster ${cluster.name} does not serve ${type.resource} (is this Calico version too old for it?)`,
      });
      continue;
    }
    const namespace = type.namespaced ? (doc.object.metadata.namespace ?? "default") : undefined;
    const proposed: KubeObject = {
      ...doc.object,
      metadata: { ...doc.object.metadata, ...(namespace === undefined ? {} : { namespace }) },
    };
    const ref: ResourceRef = {
      kind: type.resource as ResourceRef["kind"],
      name: proposed.metadata.name,
      ...(namespace === undefined ? {} : { namespace }),
    };
    const key = resourceKey(ref);
    const first = seen.get(key);
    if (first !== undefined) {
      duplicates.push({
        path: "metadata.name",
        document: doc.index,
        line: doc.line,
        message: `${key} is also document ${first}; apply each object once`,
      });
      continue;
    }
    seen.set(key, doc.index);
    const live = cluster.object(type.resource, namespace, proposed.metadata.name);
    const own = doc.object.metadata.resourceVersion;
    const exp =
      own !== undefined
        ? own
        : expectedByKey.has(key)
          ? (expectedByKey.get(key) ?? null)
          : (live?.metadata.resourceVersion ?? null);
    const action: ApplyAction =
      live === undefined
        ? "create"
        : sameForms(comparableForms(cluster, type, live, proposed))
          ? "unchanged"
          : "update";
    planned.push({
      index: doc.index,
      line: doc.line,
      ref,
      type,
      proposed,
      live,
      expected: exp,
      action,
      warnings: doc.warnings,
    });
  }
  if (unknown.length > 0) {
    throw new HttpError("UnknownKind", unknown.map((u) => `document ${u.document}: ${u.message}`).join("; "), unknown);
  }
  if (duplicates.length > 0) {
    throw new HttpError("InvalidDocuments", "the same object appears more than once", duplicates);
  }
  const missing = missingReferences(cluster, planned);
  if (missing.length > 0) {
    throw new HttpError(
      "InvalidDocuments",
      missing.map((m) => `document ${m.document}: ${m.message}`).join("; "),
      missing,
    );
  }
  return planned;
}

/** The tier a Calico policy document names (`default` when none). */
export function tierOfDocument(obj: KubeObject): string {
  const tier = obj.spec?.tier;
  return tierOf({ tier: typeof tier === "string" ? tier : undefined });
}

/**
 * Live and proposed in one form, for the 'unchanged' decision and the diff: the proposal as this cluster would store
 * it (its storage's form, and Calico's API-server defaults where the live object shows the cluster applies them), the
 * tier spelled out on both, server-maintained fields dropped and keys in a stable order.
 */
export function comparableForms(
  cluster: Cluster,
  type: ResourceType,
  live: KubeObject,
  proposed: KubeObject,
): { live: KubeObject; proposed: KubeObject } {
  const stored = defaultedLike(live, cluster.storedForm(type, proposed, live));
  return { live: canonicalForm(withTier(live)), proposed: canonicalForm(withTier(stored)) };
}

function sameForms(forms: { live: KubeObject; proposed: KubeObject }): boolean {
  return JSON.stringify(forms.live) === JSON.stringify(forms.proposed);
}

/**
 * `obj` with the defaults Calico's API server adds (types, the tier label) where `live` carries them: a cluster that
 * defaults (the API server, kube-sim) shows them on every stored policy, one that stores CRDs as written does not.
 */
function defaultedLike(live: KubeObject, obj: KubeObject): KubeObject {
  const type = typeOfDocument(obj);
  if (type === undefined || !TIERED_POLICY_KINDS.has(type.resource)) return obj;
  const defaulted = applyPolicyDefaults(obj);
  const types = live.spec?.types !== undefined && obj.spec?.types === undefined;
  const label = live.metadata.labels?.[TIER_LABEL] !== undefined && obj.metadata.labels?.[TIER_LABEL] === undefined;
  return {
    ...obj,
    metadata: label ? defaulted.metadata : obj.metadata,
    ...(obj.spec === undefined ? {} : { spec: types ? { ...obj.spec, types: defaulted.spec?.types } : obj.spec }),
  };
}

/** The tiers of the cluster, and the built-in ones (Calico creates them when it starts). */
/** A policy with its tier spelled out: calicoctl fills in `tier: default` where the YAML left it out, a no-op. */
function withTier(obj: KubeObject): KubeObject {
  const type = typeOfDocument(obj);
  if (type === undefined || !TIERED_POLICY_KINDS.has(type.resource)) return obj;
  return { ...obj, spec: { ...obj.spec, tier: tierOfDocument(obj) } };
}

export function existingTiers(cluster: Cluster): Set<string> {
  return new Set([...Object.keys(BUILT_IN_TIER_ORDERS), ...cluster.objects("Tier").map((t) => t.metadata.name)]);
}

/**
 * What the cluster would refuse only at write time, said at planning: a namespace that does not exist (the API
 * server answers the create with 404), and a new Calico policy in a tier that neither exists nor is created earlier in
 * the same request (Calico's client looks the tier up before it creates a policy: libcalico-go clientv3
 * `networkPolicies.Create`, as the API server and calicoctl use it). The built-in tiers count as existing: Calico
 * creates them when it starts.
 */
function missingReferences(cluster: Cluster, planned: readonly PlannedDocument[]): FieldError[] {
  const checkNamespaces = cluster.servedType("Namespace") !== undefined;
  const tiers = existingTiers(cluster);
  const out: FieldError[] = [];
  for (const d of planned) {
    if (d.type.resource === "Tier") tiers.add(d.ref.name);
    const namespace = d.ref.namespace;
    if (checkNamespaces && namespace !== undefined && cluster.object("Namespace", undefined, namespace) === undefined) {
      out.push({
        path: "metadata.namespace",
        document: d.index,
        line: d.line,
        message: `namespace ${namespace} does not exist in cluster ${cluster.name}`,
      });
    }
    const tier = tierOfDocument(d.proposed);
    if (d.action === "create" && TIERED_POLICY_KINDS.has(d.type.resource) && !tiers.has(tier)) {
      out.push({
        path: "spec.tier",
        document: d.index,
        line: d.line,
        message: `tier ${tier} does not exist in cluster ${cluster.name}; Calico creates no policy in a missing tier (create the Tier first, or earlier in the same YAML)`,
      });
    }
  }
  return out;
}
