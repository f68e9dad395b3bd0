/**
 * The real-world profile of `generateCluster`, shaped after the largest clusters whose figures are published:
 * 13,678 Kubernetes NetworkPolicies over 604 namespaces with 5,413 pods, the median policy selecting 6 pods
 * (npinaeva/k8s-netpol-scale), and 14,000 policies over 1,400 namespaces (projectcalico/felix#2032). So: about 9 pods
 * per namespace in apps of up to 6 pods, nearly every policy a namespaced Kubernetes NetworkPolicy selecting one app
 * or the whole namespace, a few broad GlobalNetworkPolicies (IBM's host endpoint defaults and cluster-wide rules),
 * and IBM classic workers with public and private host endpoints.
 */
import type { LabelSelector } from "../model/kubernetes-network-policy";
import type { ClusterSize, GeneratedCluster, GeneratedKubernetesPolicy, GeneratedPolicy } from "./generate-cluster";
import { ibmWorkers } from "./ibm-workers";
import { seededRandom } from "./random";

const PODS_PER_NAMESPACE = 9;
const PODS_PER_APP = 6;
/** Denser clusters than the synthetic mix's 110: real fleets run tens of pods per worker. */
const PODS_PER_WORKER = 40;
/** The namespaces other namespaces' policies name: cluster DNS, the ingress controller, monitoring. */
const SYSTEM_NAMESPACES = ["kube-system", "ingress-nginx", "monitoring"] as const;
/** Their first apps, which other namespaces' policies select. */
const SYSTEM_APPS = ["kube-dns", "ingress-nginx-controller", "prometheus"] as const;

export function generateRealWorldCluster(size: ClusterSize): GeneratedCluster {
  const rnd = seededRandom(size.seed ?? 1);
  const workers = Math.max(1, Math.round(size.endpoints / (PODS_PER_WORKER + 2)));
  const { hostEndpoints, workerNames } = ibmWorkers(workers);
  const podCount = Math.max(0, size.endpoints - 2 * workers);
  const namespaceCount = Math.max(SYSTEM_NAMESPACES.length, Math.ceil(podCount / PODS_PER_NAMESPACE));
  const nsName = (n: number) => SYSTEM_NAMESPACES[n] ?? `tenant-${n}`;
  const appName = (n: number, a: number) => (a === 0 ? SYSTEM_APPS[n] : undefined) ?? `svc-${n}-${a}`;

  const namespaces: GeneratedCluster["namespaces"] = [];
  const serviceAccounts: GeneratedCluster["serviceAccounts"] = [];
  for (let n = 0; n < namespaceCount; n++) {
    const name = nsName(n);
    namespaces.push({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name, labels: { "kubernetes.io/metadata.name": name, env: rnd.pick(["prod", "staging", "dev"]) } },
    });
    serviceAccounts.push({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "default", namespace: name, labels: {} },
    });
  }
  /** Apps per namespace, for picking a policy's target. */
  const appsIn: number[] = new Array(namespaceCount).fill(0);
  const pods: GeneratedCluster["pods"] = [];
  for (let i = 0; i < podCount; i++) {
    const n = i % namespaceCount;
    const a = Math.floor(Math.floor(i / namespaceCount) / PODS_PER_APP);
    appsIn[n] = Math.max(appsIn[n] ?? 0, a + 1);
    const app = appName(n, a);
    const labels: Record<string, string> = { app, "pod-template-hash": `h${rnd.int(4)}` };
    if (app === "kube-dns") labels["k8s-app"] = "kube-dns";
    const ip = `172.30.${i >> 8}.${i & 255}`;
    pods.push({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `${app}-${i}`, namespace: nsName(n), labels },
      spec: {
        nodeName: rnd.pick(workerNames),
        serviceAccountName: "default",
        containers: [
          {
            name: "main",
            image: "registry.example/app:1",
            ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
          },
        ],
      },
      status: { podIP: ip, podIPs: [{ ip }] },
    });
  }

  const policies = broadGlobalPolicies().slice(0, size.policies);
  const kubernetesPolicies: GeneratedKubernetesPolicy[] = [];
  for (let p = 0; kubernetesPolicies.length + policies.length < size.policies; p++) {
    const n = p % namespaceCount;
    const apps = Math.max(1, appsIn[n] ?? 0);
    kubernetesPolicies.push(
      namespacedPolicy(p, Math.floor(p / namespaceCount), nsName(n), (a) => appName(n, a % apps)),
    );
  }
  return { namespaces, serviceAccounts, pods, hostEndpoints, networkSets: [], policies, kubernetesPolicies };
}

/**
 * The `k`-th policy of a namespace: the first two are the usual namespace-wide pair (default deny, DNS egress),
 * the rest allow one app's ingress from another app, from the ingress controller or monitoring, or an ipBlock.
 */
function namespacedPolicy(
  p: number,
  k: number,
  namespace: string,
  app: (a: number) => string,
): GeneratedKubernetesPolicy {
  const metadata = { name: `np-${p}`, namespace };
  const whole: LabelSelector = {};
  const ofApp = (a: number): LabelSelector => ({ matchLabels: { app: app(a) } });
  const nsNamed = (name: string): LabelSelector => ({ matchLabels: { "kubernetes.io/metadata.name": name } });
  const http = [{ protocol: "TCP", port: 8080 }];
  const policy = (spec: GeneratedKubernetesPolicy["spec"]): GeneratedKubernetesPolicy => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata,
    spec,
  });
  if (k === 0) return policy({ podSelector: whole, policyTypes: ["Ingress"] });
  if (k === 1)
    return policy({
      podSelector: whole,
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ namespaceSelector: nsNamed("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    });
  const target = k - 2;
  switch (target % 4) {
    case 0:
      return policy({
        podSelector: ofApp(target),
        ingress: [{ from: [{ podSelector: ofApp(target + 1) }], ports: http }],
      });
    case 1:
      return policy({
        podSelector: ofApp(target),
        ingress: [{ from: [{ namespaceSelector: nsNamed("ingress-nginx") }], ports: http }],
      });
    case 2:
      return policy({
        podSelector: ofApp(target),
        ingress: [
          { from: [{ namespaceSelector: nsNamed("monitoring"), podSelector: { matchLabels: { app: "prometheus" } } }] },
        ],
      });
    default:
      return policy({
        podSelector: ofApp(target),
        policyTypes: ["Egress"],
        egress: [
          {
            to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.96.0.0/12"] } }],
            ports: [{ protocol: "TCP", port: 443 }],
          },
        ],
      });
  }
}

/** IBM's default host endpoint policies (docs/ibm-classic-defaults.md) and two cluster-wide rules. */
function broadGlobalPolicies(): GeneratedPolicy[] {
  const gnp = (name: string, spec: GeneratedPolicy["spec"]): GeneratedPolicy => ({
    apiVersion: "projectcalico.org/v3",
    kind: "GlobalNetworkPolicy",
    metadata: { name },
    spec,
  });
  const workers = "ibm.role in { 'worker_public', 'worker_private' }";
  return [
    gnp("allow-all-outbound", { order: 1900, selector: workers, types: ["Egress"], egress: [{ action: "Allow" }] }),
    gnp("allow-all-private-default", {
      order: 100000,
      selector: "ibm.role == 'worker_private'",
      types: ["Ingress"],
      ingress: [{ action: "Allow" }],
    }),
    gnp("allow-node-port-dnat", {
      order: 1500,
      selector: "ibm.role == 'worker_public'",
      preDNAT: true,
      applyOnForward: true,
      types: ["Ingress"],
      ingress: [{ action: "Allow", protocol: "TCP", destination: { ports: ["30000:32767"] } }],
    }),
    gnp("allow-sys-mgmt", {
      order: 1950,
      selector: "ibm.role == 'worker_public'",
      types: ["Ingress"],
      ingress: [
        { action: "Allow", protocol: "TCP", source: { nets: ["161.26.0.0/16"] }, destination: { ports: [52311] } },
      ],
    }),
    gnp("allow-vrrp", {
      order: 1950,
      selector: "ibm.role == 'worker_public'",
      types: ["Ingress"],
      ingress: [{ action: "Allow", protocol: 112 }],
    }),
    gnp("deny-metadata-egress", {
      order: 10,
      namespaceSelector: "all()",
      types: ["Egress"],
      egress: [{ action: "Deny", destination: { nets: ["169.254.169.254/32"] } }],
    }),
    gnp("allow-monitoring-scrape", {
      order: 20,
      namespaceSelector: "all()",
      types: ["Ingress"],
      ingress: [
        {
          action: "Allow",
          protocol: "TCP",
          source: { namespaceSelector: "kubernetes.io/metadata.name == 'monitoring'" },
          destination: { ports: [9090] },
        },
      ],
    }),
  ];
}
