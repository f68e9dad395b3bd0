import type { KubernetesObject } from "@kubernetes/client-node";
import { CALICO_GROUP, CALICO_KINDS, type CalicoStorage } from "../registry/calico-crds";

export interface CalicoFixture {
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  /** A valid spec for the kind, and a changed one for replace/patch. */
  readonly spec: Record<string, unknown>;
  readonly changedSpec: Record<string, unknown>;
}

const policy = (order: number) => ({
  order,
  selector: "app == 'parity'",
  types: ["Ingress"],
  ingress: [{ action: "Allow", protocol: "TCP", destination: { ports: [8080] } }],
});

const SPECS: Record<string, { spec: Record<string, unknown>; changedSpec: Record<string, unknown> }> = {
  GlobalNetworkPolicy: { spec: policy(100), changedSpec: policy(200) },
  NetworkPolicy: { spec: policy(100), changedSpec: policy(200) },
  StagedGlobalNetworkPolicy: { spec: policy(100), changedSpec: policy(200) },
  StagedNetworkPolicy: { spec: policy(100), changedSpec: policy(200) },
  StagedKubernetesNetworkPolicy: {
    spec: { podSelector: { matchLabels: { app: "parity" } }, policyTypes: ["Ingress"] },
    changedSpec: { podSelector: { matchLabels: { app: "changed" } }, policyTypes: ["Ingress"] },
  },
  HostEndpoint: {
    spec: { node: "parity-node", interfaceName: "eth1", expectedIPs: ["192.0.2.10"] },
    changedSpec: { node: "parity-node", interfaceName: "eth1", expectedIPs: ["192.0.2.11"] },
  },
  GlobalNetworkSet: { spec: { nets: ["198.51.100.0/28"] }, changedSpec: { nets: ["198.51.100.16/28"] } },
  NetworkSet: { spec: { nets: ["198.51.100.0/28"] }, changedSpec: { nets: ["198.51.100.16/28"] } },
  Tier: { spec: { order: 500 }, changedSpec: { order: 600 } },
};

export const CALICO_FIXTURES: readonly CalicoFixture[] = CALICO_KINDS.map((k) => {
  const specs = SPECS[k.kind];
  if (specs === undefined) throw new Error(`parity: no fixture for ${k.kind}`);
  return { kind: k.kind, plural: k.plural, namespaced: k.namespaced, ...specs };
});

export function calicoApiVersion(storage: CalicoStorage): string {
  const g = CALICO_GROUP[storage];
  return `${g.group}/${g.version}`;
}

export function calicoObject(
  storage: CalicoStorage,
  f: CalicoFixture,
  name: string,
  namespace: string,
  labels: Record<string, string> = {},
): KubernetesObject & { spec: Record<string, unknown> } {
  return {
    apiVersion: calicoApiVersion(storage),
    kind: f.kind,
    metadata: { name, ...(f.namespaced ? { namespace } : {}), labels },
    spec: structuredClone(f.spec),
  };
}
