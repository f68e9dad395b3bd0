import {
  CALICO_NODE_ADDRESS_ANNOTATION,
  CALICO_NODE_ADDRESS_V6_ANNOTATION,
  CALICO_NODE_SPEC_FIELDS,
  CALICO_TUNNEL_ANNOTATIONS,
  calicoNodeField,
  calicoNodeSpec,
} from "@palisade/calico";
import type { CalicoStorage } from "@palisade/contract";
import { groupVersion, type KubeObject, type ResourceType } from "./resources";
import { WeakIntern } from "./weak-intern";

/**
 * What the cache keeps of an object: the whole object for the kinds Palisade shows and edits as YAML (the Calico
 * kinds and Kubernetes NetworkPolicies), and for the other Kubernetes kinds only the fields something in Palisade
 * reads, as client-go's informer transforms do. A cluster's pods are most of its objects and most of a real pod is
 * never read here (its containers' images, env, volumes and probes, `managedFields`, annotations such as kubectl's
 * last-applied copy, status conditions other than Ready), so each object is projected as it arrives, before the cache
 * or the match index holds it; the list pages' full objects are garbage as soon as the page is processed.
 *
 * Every kept field and its readers (apps/bff/src unless a package is named):
 * - Pod. `metadata.name`, `namespace`, `resourceVersion` (cache keys, change events, relists); `metadata.labels`
 *   (the workload endpoint in @palisade/calico's `workloadEndpointFromPod`, views/endpoints.ts, views/graph.ts,
 *   the Service selector in views/dnat.ts); `metadata.deletionTimestamp` (views/dnat.ts: not a backend); the
 *   controller's `kind` and `name` of `metadata.ownerReferences` (the pod's workload in views/graph.ts);
 *   `spec.nodeName`, `spec.serviceAccountName` (`workloadEndpointFromPod`, views/endpoints.ts, views/dnat.ts);
 *   `spec.hostNetwork` (cluster-model/cluster-model.ts: no workload endpoint); the containers' `ports` (`name`,
 *   `containerPort`, `protocol`: named ports in `workloadEndpointFromPod`, named target ports in views/dnat.ts),
 *   containers without ports dropped; `status.phase` (cluster-model/cluster-model.ts, views/dnat.ts); `status.podIP`,
 *   `status.podIPs[].ip` (`workloadEndpointFromPod`, views/dnat.ts); the `Ready` condition's `type` and `status`
 *   (views/dnat.ts).
 * - Node. `metadata.name`, `resourceVersion`, `labels` and `status.addresses` (views/graph.ts, views/explain.ts);
 *   Calico's tunnel address annotations, `CALICO_TUNNEL_ANNOTATIONS`, and its node address annotations,
 *   `CALICO_NODE_ADDRESS_ANNOTATION` (@palisade/calico) (views/pod-routes.ts: the routes between nodes and the masquerade address).
 * - CalicoNode (Calico's own Node). `metadata.name`, `resourceVersion`; the `CALICO_NODE_SPEC_FIELDS`
 *   (views/node-records.ts: the same addresses where the Kubernetes Node has no annotation for them).
 * - Namespace, ServiceAccount. `metadata.name`, `namespace`, `resourceVersion` and `labels` (the namespace and
 *   service account profiles of the match index, cluster-model/cluster-model.ts).
 * - Service. `metadata.name`, `namespace`, `resourceVersion`; `spec.type`, `clusterIP`, `externalIPs`, `ports`,
 *   `selector`, `externalTrafficPolicy`; `status.loadBalancer.ingress[].ip` (views/services.ts, views/dnat.ts).
 * - EndpointSlice. `metadata.name`, `namespace`, `resourceVersion`, `labels` (the `kubernetes.io/service-name` its
 *   Service is found by); `endpoints[].addresses`, `ports[].port`, `protocol` (@palisade/calico's `serviceIndex`, from
 *   views/explain.ts: the IP sets of `services` rules); `endpoints[].conditions.ready`, `ports[].name` (views/cluster-ip.ts:
 *   the endpoint kube-proxy sends a ClusterIP's packet to).
 *
 * Every object leaves with its `apiVersion` and `kind`, which list items from an API server lack (a whole object
 * missing them is copied), so that one object can serve as both the stored and the user-facing form wherever the
 * storage codec has nothing to convert. Equal label sets and container port lists are one shared, frozen instance
 * (pods of one template have equal ones). A reader that needs another field must add it here, with a test in
 * projection.test.ts.
 */
export function projectForCache(type: ResourceType, storage: CalicoStorage, obj: KubeObject): KubeObject {
  const head = { apiVersion: obj.apiVersion ?? groupVersion(type, storage), kind: obj.kind ?? type.kind };
  const project = PROJECTIONS[type.resource];
  if (project !== undefined) return project(obj, head);
  return obj.apiVersion === head.apiVersion && obj.kind === head.kind ? obj : { ...obj, ...head };
}

type Projection = (obj: KubeObject, head: { apiVersion: string; kind: string }) => KubeObject;

const PROJECTIONS: Readonly<Record<string, Projection>> = {
  Pod: (obj, head) => ({
    ...head,
    metadata: { ...meta(obj, true), ...controllerOf(obj) },
    spec: podSpec(obj.spec),
    status: podStatus(obj.status),
  }),
  Node: (obj, head) => {
    const addresses = record(obj.status)?.addresses;
    const keys = [
      ...Object.values(CALICO_TUNNEL_ANNOTATIONS),
      CALICO_NODE_ADDRESS_ANNOTATION,
      CALICO_NODE_ADDRESS_V6_ANNOTATION,
    ];
    const kept = keys.flatMap((key) => {
      const value = obj.metadata.annotations?.[key];
      return value === undefined ? [] : [[key, value] as const];
    });
    const metadata = { ...meta(obj, false), ...(kept.length === 0 ? {} : { annotations: Object.fromEntries(kept) }) };
    return { ...head, metadata, ...(addresses === undefined ? {} : { status: { addresses } }) };
  },
  // Only the addresses views/node-records.ts reads.
  CalicoNode: (obj, head) => {
    const values = Object.entries(CALICO_NODE_SPEC_FIELDS).map(([a, path]) => [a, calicoNodeField(obj.spec, path)]);
    return { ...head, metadata: meta(obj, false, false), spec: calicoNodeSpec(Object.fromEntries(values)) };
  },
  Namespace: (obj, head) => ({ ...head, metadata: meta(obj, false) }),
  ServiceAccount: (obj, head) => ({ ...head, metadata: meta(obj, false) }),
  Service: (obj, head) => {
    const spec = record(obj.spec) ?? {};
    const ingress = record(record(obj.status)?.loadBalancer)?.ingress;
    return {
      ...head,
      metadata: meta(obj, false, false),
      spec: defined({
        type: spec.type,
        clusterIP: spec.clusterIP,
        externalIPs: spec.externalIPs,
        ports: spec.ports,
        selector: spec.selector,
        externalTrafficPolicy: spec.externalTrafficPolicy,
      }),
      ...(Array.isArray(ingress) ? { status: { loadBalancer: { ingress: ingressIps(ingress) } } } : {}),
    };
  },
  EndpointSlice: (obj, head) => ({
    ...head,
    metadata: meta(obj, false),
    endpoints: (Array.isArray(obj.endpoints) ? obj.endpoints : []).map((e: unknown) => {
      const ready = record(record(e)?.conditions)?.ready;
      return {
        addresses: strings(record(e)?.addresses),
        ...(typeof ready === "boolean" ? { conditions: { ready } } : {}),
      };
    }),
    ports: (Array.isArray(obj.ports) ? obj.ports : []).map((p: unknown) => {
      const port = record(p) ?? {};
      return defined({
        name: typeof port.name === "string" ? port.name : undefined,
        port: typeof port.port === "number" ? port.port : undefined,
        protocol: typeof port.protocol === "string" ? port.protocol : undefined,
      });
    }),
  }),
};

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function meta(obj: KubeObject, deletion: boolean, labels = true): KubeObject["metadata"] {
  const m = obj.metadata;
  return defined({
    name: m.name,
    namespace: m.namespace,
    resourceVersion: m.resourceVersion,
    labels: labels && m.labels !== undefined ? shared(LABELS, m.labels) : undefined,
    deletionTimestamp: deletion ? m.deletionTimestamp : undefined,
  }) as KubeObject["metadata"];
}

/** The controller among a pod's owners, as `ownerReferences` with only its kind and name (shared by its replicas). */
function controllerOf(obj: KubeObject): { ownerReferences?: readonly object[] } {
  const owners = Array.isArray(obj.metadata.ownerReferences) ? (obj.metadata.ownerReferences as unknown[]) : [];
  const owner = owners.map(record).find((o) => o?.controller === true);
  if (typeof owner?.kind !== "string" || typeof owner.name !== "string") return {};
  return { ownerReferences: shared(OWNERS, [{ kind: owner.kind, name: owner.name, controller: true }]) };
}

interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

function podSpec(value: unknown): Record<string, unknown> {
  const spec = record(value) ?? {};
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  // filter + map rather than flatMap: map allocates exactly the length it needs, flatMap an array with room to grow
  // (about 150 bytes more per pod).
  const withPorts = containers.map((c: unknown) => record(c)?.ports).filter(isPortList);
  return defined({
    nodeName: spec.nodeName,
    serviceAccountName: spec.serviceAccountName,
    hostNetwork: spec.hostNetwork === true ? true : undefined,
    containers:
      withPorts.length === 0
        ? undefined
        : shared(
            CONTAINERS,
            withPorts.map((ports) => ({
              ports: ports.map((p) => defined({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })),
            })),
          ),
  });
}

function isPortList(value: unknown): value is ContainerPort[] {
  return Array.isArray(value) && value.length > 0;
}

interface PodStatus {
  phase?: string;
  podIP?: string;
  podIPs?: { ip?: string }[];
  conditions?: { type?: string; status?: string }[];
}

function podStatus(value: unknown): Record<string, unknown> {
  const status = (record(value) ?? {}) as PodStatus;
  const podIP = status.podIP;
  const ready = status.conditions?.find((c) => c.type === "Ready");
  return defined({
    phase: status.phase,
    podIP,
    // The first of podIPs is podIP again: keep one string, not two equal ones.
    podIPs: status.podIPs?.map((p) => defined({ ip: p.ip === podIP ? podIP : p.ip })),
    conditions: ready === undefined ? undefined : [defined({ type: "Ready", status: ready.status })],
  });
}

function ingressIps(ingress: readonly unknown[]): { ip: string }[] {
  return ingress
    .map((i) => record(i)?.ip)
    .filter((ip) => typeof ip === "string")
    .map((ip) => ({ ip }));
}

/**
 * Label sets and container port lists, shared between the pods (and nodes, namespaces, service accounts) that have
 * equal ones: the pods of one template do. Shared values are frozen, so no holder can change another's.
 */
const LABELS = new WeakIntern<object>();
const CONTAINERS = new WeakIntern<object>();
const OWNERS = new WeakIntern<object>();

function shared<T extends object>(table: WeakIntern<object>, value: T): T {
  return table.intern(JSON.stringify(value), deepFreeze(value)) as T;
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (typeof v === "object" && v !== null) deepFreeze(v);
  return Object.freeze(value);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}

/**
 * A copy of `fields` without its undefined properties, so that a projection adds no keys the original did not have.
 * Built by adding properties (not by deleting them, which would turn every projected object into a slow dictionary).
 */
function defined(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}
