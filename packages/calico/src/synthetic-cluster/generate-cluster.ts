/**
 * Generates a large, realistic cluster as Kubernetes/Calico manifests: IBM classic workers with public and private
 * host endpoints (docs/ibm-classic-defaults.md), namespaces of apps with pods and service accounts, network sets,
 * and a policy mix like the fixtures' (namespaced app policies, namespace and service-account selectors, pre-DNAT
 * host policies). Deterministic for a seed; used by the benchmarks and the demo cluster's `large` scenario.
 */
import type { K8sNetworkPolicySpec } from "../model/kubernetes-network-policy";
import { ibmWorkers } from "./ibm-workers";
import { seededRandom } from "./random";
import { generateRealWorldCluster } from "./real-world";

export interface ClusterSize {
  /** Endpoints in total: two host endpoints per worker, the rest pods. */
  readonly endpoints: number;
  readonly policies: number;
  readonly seed?: number | undefined;
  /**
   * `synthetic` (the default): namespaces of 100 pods and a Calico policy mix like the fixtures'. `real-world`: shaped
   * like the published large clusters (see real-world.ts): many small namespaces, Kubernetes NetworkPolicies
   * selecting few pods, a few broad global policies.
   */
  readonly profile?: ClusterProfile | undefined;
}

export type ClusterProfile = "synthetic" | "real-world";
export const CLUSTER_PROFILES: readonly ClusterProfile[] = ["synthetic", "real-world"];

type Labels = Record<string, string>;

export interface GeneratedCluster {
  readonly namespaces: { apiVersion: "v1"; kind: "Namespace"; metadata: { name: string; labels: Labels } }[];
  readonly serviceAccounts: {
    apiVersion: "v1";
    kind: "ServiceAccount";
    metadata: { name: string; namespace: string; labels: Labels };
  }[];
  readonly pods: {
    apiVersion: "v1";
    kind: "Pod";
    metadata: { name: string; namespace: string; labels: Labels };
    spec: {
      nodeName: string;
      serviceAccountName: string;
      containers: { name: string; image: string; ports: { name: string; containerPort: number; protocol: string }[] }[];
    };
    status: { podIP: string; podIPs: { ip: string }[] };
  }[];
  readonly hostEndpoints: {
    apiVersion: "projectcalico.org/v3";
    kind: "HostEndpoint";
    metadata: { name: string; labels: Labels };
    spec: { node: string; interfaceName: string; expectedIPs: string[] };
  }[];
  readonly networkSets: {
    apiVersion: "projectcalico.org/v3";
    kind: "GlobalNetworkSet";
    metadata: { name: string; labels: Labels };
    spec: { nets: string[] };
  }[];
  readonly policies: GeneratedPolicy[];
  /** `networking.k8s.io/v1` NetworkPolicies (the real-world profile's bulk). */
  readonly kubernetesPolicies: GeneratedKubernetesPolicy[];
}

export type GeneratedKubernetesPolicy = {
  apiVersion: "networking.k8s.io/v1";
  kind: "NetworkPolicy";
  metadata: { name: string; namespace: string };
  spec: K8sNetworkPolicySpec;
};

export type GeneratedPolicy = {
  apiVersion: "projectcalico.org/v3";
  kind: "GlobalNetworkPolicy" | "NetworkPolicy";
  metadata: { name: string; namespace?: string };
  spec: {
    order?: number;
    selector?: string;
    namespaceSelector?: string;
    serviceAccountSelector?: string;
    types?: ("Ingress" | "Egress")[];
    preDNAT?: boolean;
    applyOnForward?: boolean;
    ingress?: GeneratedRule[];
    egress?: GeneratedRule[];
  };
};

type GeneratedRule = {
  action: "Allow" | "Deny" | "Pass" | "Log";
  protocol?: string | number;
  source?: { selector?: string; namespaceSelector?: string; nets?: string[] };
  destination?: { selector?: string; ports?: (number | string)[]; nets?: string[] };
};

const TIERS = ["web", "api", "db", "cache", "worker"] as const;
const TEAMS = ["payments", "search", "checkout", "identity", "ops", "data", "ml", "edge"] as const;
const ENVS = ["prod", "staging", "dev"] as const;
const APPS_PER_NAMESPACE = 10;
const PODS_PER_NAMESPACE = 100;
const PODS_PER_WORKER = 110;

export function generateCluster(size: ClusterSize): GeneratedCluster {
  if (size.profile === "real-world") return generateRealWorldCluster(size);
  const rnd = seededRandom(size.seed ?? 1);
  const workers = Math.max(1, Math.round(size.endpoints / (PODS_PER_WORKER + 2)));
  const podCount = Math.max(0, size.endpoints - 2 * workers);
  const namespaceCount = Math.max(1, Math.ceil(podCount / PODS_PER_NAMESPACE));

  const { hostEndpoints, workerNames } = ibmWorkers(workers);

  const namespaces: GeneratedCluster["namespaces"] = [];
  const serviceAccounts: GeneratedCluster["serviceAccounts"] = [];
  const pods: GeneratedCluster["pods"] = [];
  const app = (n: number, a: number) => `app-${n}-${a}`;
  for (let n = 0; n < namespaceCount; n++) {
    const name = `ns-${n}`;
    namespaces.push({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name,
        labels: { team: TEAMS[n % TEAMS.length] ?? "ops", env: rnd.pick(ENVS), "kubernetes.io/metadata.name": name },
      },
    });
    for (let a = 0; a < APPS_PER_NAMESPACE; a++) {
      serviceAccounts.push({
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: app(n, a), namespace: name, labels: { "sa-tier": TIERS[a % TIERS.length] ?? "web" } },
      });
    }
  }
  for (let i = 0; i < podCount; i++) {
    const n = Math.floor(i / PODS_PER_NAMESPACE);
    const a = i % APPS_PER_NAMESPACE;
    pods.push({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `${app(n, a)}-${i}`,
        namespace: `ns-${n}`,
        labels: { app: app(n, a), tier: TIERS[a % TIERS.length] ?? "web", version: `v${rnd.int(3) + 1}` },
      },
      spec: {
        nodeName: rnd.pick(workerNames),
        serviceAccountName: app(n, a),
        containers: [
          {
            name: "main",
            image: "registry.example/app:1",
            ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
          },
        ],
      },
      status: { podIP: `172.30.${i >> 8}.${i & 255}`, podIPs: [{ ip: `172.30.${i >> 8}.${i & 255}` }] },
    });
  }

  const networkSets: GeneratedCluster["networkSets"] = [];
  for (let s = 0; s < Math.max(1, Math.round(size.policies / 50)); s++) {
    networkSets.push({
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkSet",
      metadata: { name: `clients-${s}`, labels: { role: s % 2 === 0 ? "client" : "partner", "set-id": String(s) } },
      spec: { nets: [`203.0.${s & 255}.0/24`] },
    });
  }

  const policies: GeneratedPolicy[] = [];
  const globalCount = Math.max(1, Math.round(size.policies / 10));
  for (let p = 0; p < size.policies; p++) {
    if (p < globalCount) {
      policies.push(globalPolicy(p, rnd.pick(TEAMS), rnd.int(networkSets.length)));
      continue;
    }
    const n = rnd.int(namespaceCount);
    const a = rnd.int(APPS_PER_NAMESPACE);
    const peer = rnd.int(APPS_PER_NAMESPACE);
    const variant = p % 4;
    policies.push({
      apiVersion: "projectcalico.org/v3",
      kind: "NetworkPolicy",
      metadata: { name: `np-${p}`, namespace: `ns-${n}` },
      spec: {
        order: 100 + rnd.int(900),
        selector: variant === 3 ? `tier == '${TIERS[a % TIERS.length]}'` : `app == '${app(n, a)}'`,
        types: variant === 1 ? ["Ingress", "Egress"] : ["Ingress"],
        ingress: [
          {
            action: "Allow",
            protocol: "TCP",
            source:
              variant === 2
                ? { namespaceSelector: `team == '${rnd.pick(TEAMS)}'`, selector: `tier in {'web', 'api'}` }
                : { selector: `app == '${app(n, peer)}'` },
            destination: { ports: variant === 0 ? ["http"] : [8080, "9000:9100"] },
          },
        ],
        ...(variant === 1
          ? {
              egress: [
                { action: "Allow" as const, protocol: "TCP", destination: { selector: "tier == 'db'", ports: [5432] } },
              ],
            }
          : {}),
      },
    });
  }
  return { namespaces, serviceAccounts, pods, hostEndpoints, networkSets, policies, kubernetesPolicies: [] };
}

function globalPolicy(p: number, team: string, set: number): GeneratedPolicy {
  const meta = { name: `gnp-${p}` };
  switch (p % 4) {
    case 0:
      return {
        apiVersion: "projectcalico.org/v3",
        kind: "GlobalNetworkPolicy",
        metadata: meta,
        spec: {
          order: 500 + p,
          selector: "ibm.role == 'worker_public'",
          preDNAT: true,
          applyOnForward: true,
          types: ["Ingress"],
          ingress: [
            {
              action: "Allow",
              protocol: "TCP",
              source: { selector: `set-id == '${set}'` },
              destination: { ports: [30000 + (p % 2767)] },
            },
          ],
        },
      };
    case 1:
      return {
        apiVersion: "projectcalico.org/v3",
        kind: "GlobalNetworkPolicy",
        metadata: meta,
        spec: {
          order: 1500 + p,
          selector: "ibm.role in { 'worker_public', 'master_public' }",
          types: ["Ingress"],
          ingress: [
            {
              action: "Allow",
              protocol: "TCP",
              source: { nets: [`10.${p & 255}.0.0/16`] },
              destination: { ports: [443] },
            },
          ],
        },
      };
    case 2:
      return {
        apiVersion: "projectcalico.org/v3",
        kind: "GlobalNetworkPolicy",
        metadata: meta,
        spec: {
          order: 2000 + p,
          namespaceSelector: `team == '${team}'`,
          selector: "tier == 'db'",
          types: ["Ingress"],
          ingress: [
            { action: "Allow", protocol: "TCP", source: { namespaceSelector: "all()", selector: "tier == 'api'" } },
          ],
        },
      };
    default:
      return {
        apiVersion: "projectcalico.org/v3",
        kind: "GlobalNetworkPolicy",
        metadata: meta,
        spec: {
          order: 3000 + p,
          serviceAccountSelector: `sa-tier == 'worker'`,
          types: ["Egress"],
          egress: [{ action: "Allow", destination: { selector: "role == 'partner'" } }],
        },
      };
  }
}
