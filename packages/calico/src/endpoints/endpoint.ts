/**
 * The endpoint model: host endpoints and the workload endpoints Calico derives from pods, with the labels Felix
 * matches selectors against (docs/calico-semantics.md sections 3 and 4).
 */
import { hostEndpointId, workloadEndpointId } from "../refs/refs";
import { type HostEndpointLike, type NetworkSetLike, nameOf, type PodLike } from "./inputs";
import {
  LABEL_NAMESPACE,
  LABEL_ORCHESTRATOR,
  LABEL_SERVICE_ACCOUNT,
  namespaceProfileId,
  ORCHESTRATOR_K8S,
  serviceAccountProfileId,
  toLabelMap,
} from "./labels";

export interface NamedPort {
  readonly name: string;
  readonly port: number;
  /** Protocol as written: a name (`TCP`) or a number. */
  readonly protocol: number | string;
}

/** Something selectors match: an endpoint or a network set. `profiles` lists label parents in precedence order. */
export interface LabelledItem {
  readonly id: string;
  readonly ownLabels: ReadonlyMap<string, string>;
  readonly profiles: readonly string[];
}

export interface Endpoint extends LabelledItem {
  readonly kind: "host" | "workload";
  readonly name: string;
  /** Workload endpoints only: the pod's namespace. */
  readonly namespace?: string | undefined;
  readonly node?: string | undefined;
  /** Host endpoints: `spec.interfaceName` (`*` for all interfaces). */
  readonly interfaceName?: string | undefined;
  /** Host endpoints: `spec.expectedIPs`; workload endpoints: the pod IPs. */
  readonly ips: readonly string[];
  readonly namedPorts: readonly NamedPort[];
}

export interface NetworkSetItem extends LabelledItem {
  readonly kind: "GlobalNetworkSet" | "NetworkSet";
  readonly name: string;
  readonly namespace?: string | undefined;
  readonly nets: readonly string[];
}

/** A HostEndpoint as Felix sees it: own labels, profiles from `spec.profiles`; no Kubernetes labels (§3). */
export function hostEndpoint(hep: HostEndpointLike): Endpoint {
  return {
    id: hostEndpointId(nameOf(hep.metadata)),
    kind: "host",
    name: nameOf(hep.metadata),
    node: hep.spec.node,
    interfaceName: hep.spec.interfaceName,
    ips: hep.spec.expectedIPs ?? [],
    ownLabels: toLabelMap(hep.metadata.labels),
    profiles: hep.spec.profiles ?? [],
    namedPorts: (hep.spec.ports ?? []).map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
  };
}

/**
 * The workload endpoint Calico derives from a pod (libcalico-go k8s conversion, §3): the pod's labels plus
 * `projectcalico.org/namespace`, `projectcalico.org/orchestrator: k8s` and, when the pod names one,
 * `projectcalico.org/serviceaccount`; profiles `kns.<ns>` then `ksa.<ns>.<sa>`; named ports from container ports.
 */
export function workloadEndpointFromPod(pod: PodLike): Endpoint {
  const ns = pod.metadata.namespace;
  const sa = pod.spec?.serviceAccountName;
  const labels = toLabelMap(pod.metadata.labels);
  labels.set(LABEL_NAMESPACE, ns);
  labels.set(LABEL_ORCHESTRATOR, ORCHESTRATOR_K8S);
  const profiles = [namespaceProfileId(ns)];
  if (sa !== undefined && sa !== "") {
    labels.set(LABEL_SERVICE_ACCOUNT, sa);
    profiles.push(serviceAccountProfileId(ns, sa));
  }
  const ips = pod.status?.podIPs?.map((p) => p.ip) ?? (pod.status?.podIP ? [pod.status.podIP] : []);
  const namedPorts: NamedPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.name) namedPorts.push({ name: p.name, port: p.containerPort, protocol: p.protocol ?? "TCP" });
    }
  }
  return {
    id: workloadEndpointId(ns, nameOf(pod.metadata)),
    kind: "workload",
    name: nameOf(pod.metadata),
    namespace: ns,
    node: pod.spec?.nodeName,
    ips,
    ownLabels: labels,
    profiles,
    namedPorts,
  };
}

/**
 * A (Global)NetworkSet as a selector target. A namespaced set gets `projectcalico.org/namespace` and inherits the
 * namespace profile's labels (updateprocessors/networksetprocessor.go).
 */
export function networkSetItem(set: NetworkSetLike): NetworkSetItem {
  const ns = set.metadata.namespace;
  const labels = toLabelMap(set.metadata.labels);
  const namespaced = set.kind === "NetworkSet" && ns !== undefined && ns !== "";
  if (namespaced) labels.set(LABEL_NAMESPACE, ns);
  return {
    id: namespaced ? `netset/${ns}/${nameOf(set.metadata)}` : `gnetset/${nameOf(set.metadata)}`,
    kind: namespaced ? "NetworkSet" : "GlobalNetworkSet",
    name: nameOf(set.metadata),
    namespace: namespaced ? ns : undefined,
    ownLabels: labels,
    profiles: namespaced ? [namespaceProfileId(ns)] : [],
    nets: set.spec.nets ?? [],
  };
}
