import { CALICO_API_VERSION, KINDS, RESOURCE_KINDS } from "@palisade/calico";
import type { CalicoStorage } from "@palisade/contract";

/** A Kubernetes object as JSON, loosely typed at the cluster boundary. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Where a resource lives: core (`/api/v1`), another Kubernetes API group (networking, discovery, the admin
 * policies'), at the type's `apiVersion`, or Calico (group chosen by the storage mode).
 */
export type ResourceGroup = "core" | "kubernetes" | "calico";

/** A resource Palisade caches, named as on the wire (`CacheState.resource`, `ChangeEvent.resource`). */
export interface ResourceType {
  readonly resource: string;
  /** `kind` of the objects as the cluster serves them. */
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly group: ResourceGroup;
  /** The group/version of a `kubernetes` type. */
  readonly apiVersion?: string;
  /**
   * Read only where Palisade may list it: a cluster that refuses the list (403) is treated as not serving the type,
   * and its readers fall back, rather than the cache never syncing.
   */
  readonly optional?: true;
}

/** The kinds of the calico package's table, as the cluster serves them. */
export const MODELLED_TYPES: readonly ResourceType[] = RESOURCE_KINDS.map((resource) => {
  const info = KINDS[resource];
  return {
    resource,
    kind: info.kind,
    plural: info.plural,
    namespaced: info.namespaced,
    ...(info.apiVersion === CALICO_API_VERSION
      ? { group: "calico" as const }
      : { group: "kubernetes" as const, apiVersion: info.apiVersion }),
  };
});

/** Core kinds Palisade caches to derive endpoints and profiles. */
const CORE_TYPES: readonly ResourceType[] = [
  { resource: "Namespace", kind: "Namespace", plural: "namespaces", namespaced: false, group: "core" },
  { resource: "Node", kind: "Node", plural: "nodes", namespaced: false, group: "core" },
  { resource: "Pod", kind: "Pod", plural: "pods", namespaced: true, group: "core" },
  { resource: "ServiceAccount", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true, group: "core" },
  { resource: "Service", kind: "Service", plural: "services", namespaced: true, group: "core" },
  // The Services' endpoints: policy rules with `services` match them (views/explain.ts).
  {
    resource: "EndpointSlice",
    kind: "EndpointSlice",
    plural: "endpointslices",
    namespaced: true,
    group: "kubernetes",
    apiVersion: "discovery.k8s.io/v1",
  },
];

/**
 * Calico kinds Palisade only reads, outside the model: IPPools say the pod subnet (policy sets) and the routes'
 * encapsulation; Calico Nodes the nodes' addresses and tunnel addresses where the Kubernetes Nodes do not carry them
 * (an etcd datastore, or the Calico API server's view: views/node-records.ts). Calico v3.31 ships no
 * `crd.projectcalico.org` nodes CRD, so on classic storage the type is normally not served.
 */
const CALICO_READ_TYPES: readonly ResourceType[] = [
  { resource: "IPPool", kind: "IPPool", plural: "ippools", namespaced: false, group: "calico" },
  { resource: "CalicoNode", kind: "Node", plural: "nodes", namespaced: false, group: "calico", optional: true },
];

export const CACHED_TYPES: readonly ResourceType[] = [...MODELLED_TYPES, ...CALICO_READ_TYPES, ...CORE_TYPES];

export function typeOf(resource: string): ResourceType | undefined {
  return CACHED_TYPES.find((t) => t.resource === resource);
}

/** The API group/version a resource is read and written through, given the cluster's Calico storage. */
export function groupVersion(type: ResourceType, storage: CalicoStorage): string {
  if (type.group === "core") return "v1";
  if (type.group === "kubernetes") return type.apiVersion ?? "";
  return storage === "v1" ? "crd.projectcalico.org/v1" : "projectcalico.org/v3";
}

/** REST path of a collection or one object (`name` given). */
export function resourcePath(
  type: ResourceType,
  storage: CalicoStorage,
  namespace?: string | undefined,
  name?: string | undefined,
): string {
  const gv = groupVersion(type, storage);
  let path = gv === "v1" ? "/api/v1" : `/apis/${gv}`;
  if (type.namespaced && namespace !== undefined) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${type.plural}`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  return path;
}

/** `namespace/name` or `name`: the cache key of an object. */
export function cacheKey(namespace: string | undefined, name: string): string {
  return namespace === undefined || namespace === "" ? name : `${namespace}/${name}`;
}
