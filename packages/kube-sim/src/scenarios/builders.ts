import type { KubeObject } from "../api/object";

/** Small constructors for scenario objects; Calico kinds are written in their v3 form (see storage.ts). */
const CALICO = "projectcalico.org/v3";

export function tier(name: string, order: number): KubeObject {
  return { apiVersion: CALICO, kind: "Tier", metadata: { name }, spec: { order, defaultAction: "Deny" } };
}

export function gnp(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: CALICO, kind: "GlobalNetworkPolicy", metadata: { name }, spec: { tier: "default", ...spec } };
}

export function hostEndpoint(node: string, side: "public" | "private", iface: string, ip: string): KubeObject {
  return {
    apiVersion: CALICO,
    kind: "HostEndpoint",
    metadata: { name: `${node}-worker-${side}`, labels: { "ibm.role": `worker_${side}`, "ibm.node": node } },
    spec: { node, interfaceName: iface, expectedIPs: [ip] },
  };
}

export function node(
  name: string,
  publicIp: string,
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
      labels: {
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "ibm-cloud.kubernetes.io/worker-pool-name": "default",
        "ibm-cloud.kubernetes.io/internal-ip": name,
        "ibm-cloud.kubernetes.io/external-ip": publicIp,
        ...labels,
      },
    },
    spec: {},
    status: {
      addresses: [
        { type: "InternalIP", address: name },
        { type: "ExternalIP", address: publicIp },
        { type: "Hostname", address: name },
      ],
      conditions: [
        { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" },
      ],
      nodeInfo: {
        kubeletVersion: "v1.34.1+IKS",
        osImage: "Ubuntu 24.04 LTS",
        containerRuntimeVersion: "containerd://1.7.28",
      },
    },
  };
}

export function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

export function serviceAccount(ns: string, name: string): KubeObject {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace: ns } };
}

export interface PodPlacement {
  readonly node: string;
  readonly ip: string;
  readonly serviceAccount?: string;
  readonly hostNetwork?: boolean;
}

/** A running pod as the kubelet reports it: scheduled, with its IP in `status`. */
export function pod(ns: string, name: string, labels: Record<string, string>, at: PodPlacement): KubeObject {
  const app = labels.run ?? labels.app ?? labels["k8s-app"] ?? "app";
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: ns, labels },
    spec: {
      nodeName: at.node,
      serviceAccountName: at.serviceAccount ?? "default",
      ...(at.hostNetwork ? { hostNetwork: true } : {}),
      containers: [{ name: app, image: `registry.example/${app}:1.0` }],
    },
    status: {
      phase: "Running",
      hostIP: at.node,
      podIP: at.ip,
      podIPs: [{ ip: at.ip }],
      conditions: [{ type: "Ready", status: "True" }],
    },
  };
}
