import type { KubeObject } from "../api/object";
import { gnp, hostEndpoint, namespace, node, pod, serviceAccount, tier } from "./builders";

/**
 * An IBM Cloud classic cluster as its operators see it (shared/docs/ibm-classic-defaults.md): four workers named by
 * their private IPs, each with a private (eth0) and a public (eth1) host endpoint labelled `ibm.role`, IBM's seven
 * default GlobalNetworkPolicies, workloads in the default pod network 172.30.0.0/16, and the Kubernetes
 * NetworkPolicy `access-nginx`, with the shop team's staged policy `backend-from-frontend-only`.
 *
 * Illustrative values (the sources do not publish them): host endpoint names, public IPs and the load balancer IP
 * (documentation ranges, RFC 5737), zones, the IBM management subnets in allow-sys-mgmt, the orders of
 * allow-all-outbound (above 1850, as the docs require) and allow-all-private-default, pod names and IPs, and the
 * `shop` namespace's workloads.
 */
export const IBM_CLASSIC_WORKERS = [
  { name: "10.176.48.106", publicIp: "198.51.100.14", zone: "dal10", podCidr: "172.30.10" },
  { name: "10.176.48.107", publicIp: "198.51.100.15", zone: "dal10", podCidr: "172.30.20" },
  { name: "10.184.58.23", publicIp: "203.0.113.23", zone: "dal12", podCidr: "172.30.30" },
  { name: "10.184.58.42", publicIp: "203.0.113.42", zone: "dal12", podCidr: "172.30.40" },
] as const;

const PUBLIC_ROLES = "ibm.role in { 'worker_public', 'master_public' }";

function ibmDefaultPolicies(): KubeObject[] {
  return [
    gnp("allow-all-outbound", {
      order: 1900,
      selector: PUBLIC_ROLES,
      types: ["Egress"],
      egress: [{ action: "Allow", destination: {}, source: {} }],
    }),
    gnp("allow-all-private-default", {
      order: 3000,
      selector: "ibm.role == 'worker_private'",
      types: ["Ingress", "Egress"],
      ingress: [{ action: "Allow", destination: {}, source: {} }],
      egress: [{ action: "Allow", destination: {}, source: {} }],
    }),
    gnp("allow-bigfix-port", {
      order: 1900,
      selector: PUBLIC_ROLES,
      types: ["Ingress"],
      ingress: [
        { action: "Allow", protocol: "TCP", destination: { ports: [52311] }, source: {} },
        { action: "Allow", protocol: "UDP", destination: { ports: [52311] }, source: {} },
      ],
    }),
    gnp("allow-icmp", {
      order: 1700,
      selector: PUBLIC_ROLES,
      types: ["Ingress"],
      ingress: [
        { action: "Allow", protocol: "ICMP", destination: {}, source: {} },
        { action: "Allow", protocol: "ICMPv6", destination: {}, source: {} },
      ],
    }),
    // DNAT to the pod happens before host endpoint policy, so the rule allows what arrives for the pod network
    // (the default 172.30.0.0/16) rather than naming NodePorts.
    gnp("allow-node-port-dnat", {
      order: 1500,
      selector: "ibm.role == 'worker_public'",
      applyOnForward: true,
      types: ["Ingress"],
      ingress: [{ action: "Allow", destination: { nets: ["172.30.0.0/16"] }, source: {} }],
    }),
    gnp("allow-sys-mgmt", {
      order: 1950,
      selector: PUBLIC_ROLES,
      types: ["Ingress"],
      ingress: [{ action: "Allow", destination: {}, source: { nets: ["192.0.2.0/26", "192.0.2.64/26"] } }],
    }),
    gnp("allow-vrrp", {
      order: 1600,
      selector: "ibm.role == 'worker_public'",
      types: ["Ingress"],
      ingress: [{ action: "Allow", protocol: 112, destination: {}, source: {} }],
    }),
  ];
}

function workloads(): KubeObject[] {
  const [w0, w1, w2, w3] = IBM_CLASSIC_WORKERS;
  const hostNetwork = (
    name: string,
    labels: Record<string, string>,
    w: (typeof IBM_CLASSIC_WORKERS)[number],
    sa: string,
  ) => pod("kube-system", name, labels, { node: w.name, ip: w.name, serviceAccount: sa, hostNetwork: true });
  return [
    namespace("default"),
    namespace("kube-system"),
    namespace("kube-public"),
    namespace("shop", { team: "shop" }),
    // OpenShift 4 namespaces (IBM's worker_private host endpoints are an OpenShift 4 feature); IBM's public
    // isolation policies name them.
    namespace("openshift-ingress"),
    namespace("openshift-monitoring"),
    serviceAccount("kube-system", "calico-node"),
    serviceAccount("kube-system", "calico-kube-controllers"),
    serviceAccount("kube-system", "coredns"),
    serviceAccount("shop", "frontend"),
    serviceAccount("shop", "backend"),
    pod(
      "default",
      "nginx-5d9c8f6b7c-4xkzq",
      { run: "nginx", "pod-template-hash": "5d9c8f6b7c" },
      { node: w0.name, ip: `${w0.podCidr}.17` },
    ),
    pod(
      "default",
      "nginx-5d9c8f6b7c-r8wtn",
      { run: "nginx", "pod-template-hash": "5d9c8f6b7c" },
      { node: w2.name, ip: `${w2.podCidr}.9` },
    ),
    pod("default", "access", { run: "access" }, { node: w1.name, ip: `${w1.podCidr}.23` }),
    pod(
      "shop",
      "frontend-7f8b9c5d4-hx2lp",
      { app: "frontend", tier: "web" },
      { node: w1.name, ip: `${w1.podCidr}.31`, serviceAccount: "frontend" },
    ),
    pod(
      "shop",
      "frontend-7f8b9c5d4-q9mzt",
      { app: "frontend", tier: "web" },
      { node: w3.name, ip: `${w3.podCidr}.12`, serviceAccount: "frontend" },
    ),
    pod(
      "shop",
      "backend-6c4d8b7f9-z7vkd",
      { app: "backend", tier: "api" },
      { node: w2.name, ip: `${w2.podCidr}.44`, serviceAccount: "backend" },
    ),
    ...IBM_CLASSIC_WORKERS.map((w, i) =>
      hostNetwork(
        `calico-node-${["7vq2x", "b4k9m", "hx8cw", "tz3pl"][i]}`,
        { "k8s-app": "calico-node" },
        w,
        "calico-node",
      ),
    ),
    pod(
      "kube-system",
      "calico-kube-controllers-6b8f7d9c5-wd2mn",
      { "k8s-app": "calico-kube-controllers" },
      {
        node: w0.name,
        ip: `${w0.podCidr}.2`,
        serviceAccount: "calico-kube-controllers",
      },
    ),
    pod(
      "kube-system",
      "coredns-7c6f8d5b9d-8jxkq",
      { "k8s-app": "kube-dns" },
      { node: w1.name, ip: `${w1.podCidr}.3`, serviceAccount: "coredns" },
    ),
    pod(
      "kube-system",
      "coredns-7c6f8d5b9d-mz4rt",
      { "k8s-app": "kube-dns" },
      { node: w3.name, ip: `${w3.podCidr}.3`, serviceAccount: "coredns" },
    ),
  ];
}

function services(): KubeObject[] {
  const svc = (
    ns: string,
    name: string,
    spec: Record<string, unknown>,
    status?: Record<string, unknown>,
  ): KubeObject => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: ns },
    spec,
    ...(status === undefined ? {} : { status }),
  });
  return [
    svc("default", "kubernetes", {
      clusterIP: "172.21.0.1",
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 2040 }],
    }),
    svc("kube-system", "kube-dns", {
      clusterIP: "172.21.0.10",
      selector: { "k8s-app": "kube-dns" },
      ports: [
        { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
        { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
      ],
    }),
    // A LoadBalancer service: IBM's keepalived-based load balancer answers on a portable public IP.
    svc(
      "default",
      "nginx",
      {
        type: "LoadBalancer",
        selector: { run: "nginx" },
        ports: [{ name: "http", port: 80, targetPort: 80, nodePort: 31380 }],
      },
      { loadBalancer: { ingress: [{ ip: "198.51.100.50" }] } },
    ),
    svc("shop", "frontend", {
      type: "NodePort",
      selector: { app: "frontend" },
      ports: [{ name: "http", port: 8080, targetPort: 8080, nodePort: 30080 }],
    }),
    svc("shop", "backend", { selector: { app: "backend" }, ports: [{ name: "grpc", port: 9090, targetPort: 9090 }] }),
    masterEndpoints(),
  ];
}

/**
 * The `kubernetes` Service has no selector: the API server keeps its EndpointSlice itself. On IBM Cloud classic its
 * endpoint is the master proxy every worker runs on 172.20.0.1:2040 (the etcd and master local proxy address).
 */
function masterEndpoints(): KubeObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: "kubernetes", namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" } },
    addressType: "IPv4",
    endpoints: [{ addresses: ["172.20.0.1"], conditions: { ready: true } }],
    ports: [{ name: "https", port: 2040, protocol: "TCP" }],
  };
}

/** The seed's Kubernetes NetworkPolicy (Kubernetes docs, "Declare Network Policy"). */
function accessNginx(): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "access-nginx", namespace: "default" },
    spec: {
      podSelector: { matchLabels: { run: "nginx" } },
      ingress: [{ from: [{ podSelector: { matchLabels: { run: "access" } } }] }],
    },
  };
}

/**
 * The seed's admin network policies (sigs.k8s.io/network-policy-api), written so they change no verdict of the rest
 * of the seed: Pass rules hand the decision on to the default tier, and the baseline Allow only repeats what the
 * namespace profile does. AdminNetworkPolicy and BaselineAdminNetworkPolicy are Calico v3.31's, ClusterNetworkPolicy
 * v3.32's (docs/calico-semantics.md §8); the demo has both APIs installed.
 */
function adminPolicies(): KubeObject[] {
  const v1alpha1 = "policy.networking.k8s.io/v1alpha1";
  const shop = { namespaces: { matchLabels: { team: "shop" } } };
  return [
    {
      apiVersion: v1alpha1,
      kind: "AdminNetworkPolicy",
      metadata: { name: "shop-guard" },
      spec: {
        priority: 10,
        subject: shop,
        ingress: [{ name: "within-shop", action: "Pass", from: [shop] }],
      },
    },
    {
      apiVersion: v1alpha1,
      kind: "BaselineAdminNetworkPolicy",
      metadata: { name: "default" },
      spec: { subject: shop, ingress: [{ name: "within-shop", action: "Allow", from: [shop] }] },
    },
    {
      apiVersion: "policy.networking.k8s.io/v1alpha2",
      kind: "ClusterNetworkPolicy",
      metadata: { name: "cluster-dns" },
      spec: {
        tier: "Admin",
        priority: 5,
        subject: { namespaces: {} },
        egress: [
          {
            name: "dns",
            action: "Pass",
            to: [{ namespaces: {} }],
            protocols: [{ udp: { destinationPort: { number: 53 } } }],
          },
        ],
      },
    },
  ];
}

/**
 * A staged policy the shop team is trying before enforcing it: only the frontend may call the backend's gRPC port.
 * The demo's flows include every pod calling every Service, so the Staged page, the policy's page and the flows' hit
 * counts show what it would deny (the default namespace's and kube-system's pods calling shop/backend).
 */
function stagedPolicies(): KubeObject[] {
  return [
    {
      apiVersion: "projectcalico.org/v3",
      kind: "StagedNetworkPolicy",
      metadata: { name: "backend-from-frontend-only", namespace: "shop" },
      spec: {
        stagedAction: "Set",
        tier: "default",
        order: 100,
        selector: "app == 'backend'",
        types: ["Ingress"],
        ingress: [
          {
            action: "Allow",
            protocol: "TCP",
            source: { selector: "app == 'frontend'" },
            destination: { ports: [9090] },
          },
          { action: "Deny" },
        ],
      },
    },
  ];
}

/**
 * What calico/node writes on its Kubernetes Node in the Kubernetes datastore (libcalico-go's KDD node conversion):
 * its address with the private subnet's prefix (IBM classic private VLAN subnets are /26 here, illustrative), and
 * the IPIP tunnel address IPAM gives tunl0, the first of the node's block (the seed's IPPool is ipipMode Always).
 */
function calicoNodeAnnotations(w: (typeof IBM_CLASSIC_WORKERS)[number]): Record<string, string> {
  return {
    "projectcalico.org/IPv4Address": `${w.name}/26`,
    "projectcalico.org/IPv4IPIPTunnelAddr": `${w.podCidr}.0`,
  };
}

export function ibmClassicScenario(): KubeObject[] {
  return [
    tier("default", 1_000_000),
    ...IBM_CLASSIC_WORKERS.flatMap((w) => [
      node(
        w.name,
        w.publicIp,
        {
          "topology.kubernetes.io/region": "us-south",
          "topology.kubernetes.io/zone": w.zone,
          "ibm-cloud.kubernetes.io/region": "us-south",
          "ibm-cloud.kubernetes.io/zone": w.zone,
        },
        calicoNodeAnnotations(w),
      ),
      hostEndpoint(w.name, "private", "eth0", w.name),
      hostEndpoint(w.name, "public", "eth1", w.publicIp),
    ]),
    ...ibmDefaultPolicies(),
    ...workloads(),
    ...services(),
    accessNginx(),
    ...adminPolicies(),
    ...stagedPolicies(),
  ];
}
