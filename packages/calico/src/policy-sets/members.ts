/**
 * The members of IBM's isolation sets (kube-samples `calico-policies/*-network-isolation/README.md`), one per file
 * in a region's folder, and the rules each file holds. The rules are the same in every region; the region supplies
 * subnets (regions.ts) and the user the parameters (catalog.ts).
 */
import type { GlobalNetworkPolicy, HostEndpoint, NetworkPolicy } from "../model/resources";
import type { Port, Rule } from "../model/rule";
import type { IsolationRegion } from "./regions";

export type IsolationSetId = "public-isolation" | "private-isolation";

/** What a member's rules are filled in with. */
export interface MemberInputs {
  readonly region: IsolationRegion;
  readonly podSubnet: string;
  readonly masterProxy: readonly string[];
  readonly workers: readonly PrivateWorker[];
}

/** A worker as `generic-privatehostendpoint.yaml` needs it: its Calico node name and private IP. */
export interface PrivateWorker {
  readonly node: string;
  readonly privateIp: string;
}

export type IsolationObject = GlobalNetworkPolicy | NetworkPolicy | HostEndpoint;

export interface IsolationMember {
  /** IBM's file name without `.yaml`; `--with` and the dashboard use it. */
  readonly id: string;
  readonly set: IsolationSetId;
  /** Optional members are applied only when asked for; the others are what IBM's page applies. */
  readonly optional: boolean;
  /** What it opens and why, after IBM's README. */
  readonly summary: string;
  readonly objects: (inputs: MemberInputs) => IsolationObject[];
}

const ORCHESTRATOR_K8S = "projectcalico.org/orchestrator == 'k8s'";
const WORKER_PUBLIC = "ibm.role == 'worker_public'";
const WORKER_PRIVATE = "ibm.role == 'worker_private'";
/** The etcd local proxy on every worker (README "Summary of changes"). */
export const ETCD_LOCAL_PROXY = "172.20.0.0/24";
/** Pod egress to these private ranges is left to other policies (allow-egress-pods-private). */
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
/** Kubernetes master ports reached through the service endpoints. */
const MASTER_PORTS: Port = "20000:32767";

function gnp(name: string, spec: GlobalNetworkPolicy["spec"]): GlobalNetworkPolicy {
  return { apiVersion: "projectcalico.org/v3", kind: "GlobalNetworkPolicy", metadata: { name }, spec };
}

function np(name: string, namespace: string, spec: NetworkPolicy["spec"]): NetworkPolicy {
  return { apiVersion: "projectcalico.org/v3", kind: "NetworkPolicy", metadata: { name, namespace }, spec };
}

/** IBM writes most port rules twice, UDP then TCP, identical otherwise. */
function udpTcp(rule: Omit<Rule, "protocol">): Rule[] {
  return [
    { ...rule, protocol: "UDP" },
    { ...rule, protocol: "TCP" },
  ];
}

function tcp(nets: readonly string[], ports: Port[]): Rule {
  return { action: "Allow", destination: { nets: [...nets], ports }, protocol: "TCP", source: {} };
}

const allowAll: Rule = { action: "Allow", source: {}, destination: {} };

const podPorts = (): Rule[] => [
  { action: "Allow", destination: { ports: [53, 5353, 443, 2049, 3260, 10250] }, protocol: "UDP", source: {} },
  {
    action: "Allow",
    // 4443: metrics-server on Kubernetes 1.19 or later; 6443: OpenShift 4.3 or later.
    destination: { ports: [53, 5353, 443, 4443, 6443, 2049, 3260, 10250] },
    protocol: "TCP",
    source: {},
  },
];

const etcdProxy = (): Rule[] =>
  udpTcp({ action: "Allow", destination: { ports: ["2040:2041"], nets: [ETCD_LOCAL_PROXY] } });

const masterProxy = (nets: readonly string[]): Rule[] =>
  udpTcp({ action: "Allow", destination: { ports: [443], nets: [...nets] } });

const controlPlane = (nets: readonly string[], ports: Port[]): Rule[] =>
  udpTcp({ action: "Allow", destination: { nets: [...nets], ports }, source: {} });

function publicServicesEgress({ region }: MemberInputs): Rule[] {
  const s = region.publicServices;
  return [
    tcp(s.registry, [443, 4443]),
    tcp(s.monitoring, [6443]),
    tcp(s.logging, [443, 80]),
    // Managed Istio add-on: egress gateway.
    { action: "Allow", destination: { ports: [80, 15443] }, protocol: "TCP", source: {} },
  ];
}

function privateServicesEgress({ region }: MemberInputs): Rule[] {
  const s = region.privateServices;
  return [
    tcp(s.registry, [443, 4443]),
    tcp(s.monitoringIngest, [6443]),
    tcp(s.monitoringApi, [443]),
    tcp(s.logging, [80, 443]),
    tcp(s.loggingSyslogTcp, [514, 6514]),
    { action: "Allow", destination: { nets: [...s.loggingSyslogUdp], ports: [514] }, protocol: "UDP", source: {} },
  ];
}

export const PUBLIC_MEMBERS: readonly IsolationMember[] = [
  {
    id: "allow-egress-pods-public",
    set: "public-isolation",
    optional: false,
    summary: "Opens the ports pods need (DNS, NFS, block storage, metrics-server, the master) and nothing else.",
    objects: ({ region }) => [
      gnp("allow-egress-pods-public", {
        egress: [
          ...podPorts(),
          ...etcdProxy(),
          ...udpTcp({
            action: "Allow",
            destination: { nets: [...region.publicControlPlane], ports: [MASTER_PORTS] },
            source: {},
          }),
        ],
        order: 1500,
        selector: ORCHESTRATOR_K8S,
        types: ["Egress"],
      }),
    ],
  },
  {
    id: "allow-ibm-ports-public",
    set: "public-isolation",
    optional: false,
    summary: "Opens the ports workers need: DNS, NFS, block storage, the master and etcd proxies, BigFix, pods.",
    objects: (inputs) => [
      gnp("allow-ibm-ports-public", {
        egress: [
          ...udpTcp({ action: "Allow", destination: { ports: [53, 5353, 443, 2049, 3260, 5473] }, source: {} }),
          ...masterProxy(inputs.masterProxy),
          ...etcdProxy(),
          // Workers reach ClusterIP services through the pod network (projectcalico/felix#2582).
          { action: "Allow", destination: { nets: [inputs.podSubnet] } },
        ],
        ingress: udpTcp({ action: "Allow", destination: { ports: [53, 5353, 52311] }, source: {} }),
        order: 1500,
        selector: WORKER_PUBLIC,
        types: ["Ingress", "Egress"],
      }),
    ],
  },
  {
    id: "allow-public-service-endpoint",
    set: "public-isolation",
    optional: false,
    summary: "Lets workers reach the cluster master through the public service endpoint, in every zone.",
    objects: ({ region }) => [
      gnp("allow-public-service-endpoint", {
        egress: controlPlane(region.publicControlPlane, [MASTER_PORTS, 443]),
        order: 1500,
        selector: WORKER_PUBLIC,
        types: ["Egress"],
      }),
    ],
  },
  {
    id: "deny-all-outbound-public",
    set: "public-isolation",
    optional: false,
    summary: "Denies all other worker egress on the public interface (order 1850, before allow-all-outbound).",
    objects: () => [
      gnp("deny-all-outbound-public", {
        egress: [{ action: "Deny", destination: {}, source: {} }],
        order: 1850,
        selector: WORKER_PUBLIC,
        types: ["Egress"],
      }),
    ],
  },
  {
    id: "allow-konnectivity",
    set: "public-isolation",
    optional: true,
    summary: "Lets konnectivity agents connect out, so kubectl logs, exec, proxy, top and webhooks keep working.",
    objects: () => [
      np("allow-konnectivity", "kube-system", {
        order: 1000,
        selector: "app == 'konnectivity-agent' || k8s-app == 'konnectivity-agent'",
        types: ["Egress"],
        egress: [allowAll],
      }),
    ],
  },
  {
    id: "allow-k8s-master-to-dashboard",
    set: "public-isolation",
    optional: true,
    summary: "Kubernetes only: lets the konnectivity traffic reach the Kubernetes dashboard.",
    objects: () => [
      np("allow-k8s-master-to-dashboard-via-vpn", "kube-system", {
        order: 1000,
        selector: "kubernetes-dashboard-policy == 'allow'",
        types: ["Egress"],
        egress: [
          {
            action: "Allow",
            protocol: "TCP",
            destination: { selector: "k8s-app == 'kubernetes-dashboard'", ports: [8443, 443] },
          },
        ],
      }),
    ],
  },
  {
    id: "allow-openshift-console",
    set: "public-isolation",
    optional: true,
    summary: "OpenShift only: the console, the Operator Lifecycle Manager and the Ingress canary health check.",
    objects: () => {
      const toOlm = (source: string): Rule => ({
        action: "Allow",
        protocol: "TCP",
        source: { selector: source },
        destination: {
          namespaceSelector: "projectcalico.org/name == 'openshift-operator-lifecycle-manager'",
          ports: [5443, 8081],
        },
      });
      return [
        np("allow-kube-system-to-olm", "kube-system", {
          order: 1000,
          selector: ORCHESTRATOR_K8S,
          types: ["Egress"],
          egress: [toOlm("app == 'vpn'"), toOlm("app == 'konnectivity-agent'")],
        }),
        np("allow-openshift-console", "openshift-ingress", {
          order: 1000,
          selector: ORCHESTRATOR_K8S,
          types: ["Egress"],
          egress: [
            {
              action: "Allow",
              protocol: "TCP",
              destination: {
                namespaceSelector: "projectcalico.org/name == 'openshift-console'",
                selector: "app == 'console'",
              },
            },
            {
              action: "Allow",
              protocol: "TCP",
              destination: {
                namespaceSelector: "projectcalico.org/name == 'openshift-ingress-canary'",
                selector: "ingresscanary.operator.openshift.io/daemonset-ingresscanary == 'canary_controller'",
              },
            },
          ],
        }),
      ];
    },
  },
  {
    id: "allow-openshift-metrics",
    set: "public-isolation",
    optional: true,
    summary: "OpenShift only: lets the monitoring pods connect out, for OpenShift monitoring and kubectl top.",
    objects: () => [
      np("allow-openshift-metrics", "openshift-monitoring", {
        order: 1000,
        selector: ORCHESTRATOR_K8S,
        types: ["Egress"],
        egress: [allowAll],
      }),
    ],
  },
  {
    id: "allow-public-services",
    set: "public-isolation",
    optional: true,
    summary: "Lets workers reach IBM Cloud services (registry, monitoring, logging, Istio) over the public network.",
    objects: (inputs) => [
      gnp("allow-public-services", {
        egress: publicServicesEgress(inputs),
        ingress: [
          {
            action: "Allow",
            // Managed Istio add-on: ingress gateway, istiod, Knative's cluster-local gateway.
            destination: { ports: [443, 853, 15010, 15012, 15014, 80, 15021, 15443] },
            protocol: "TCP",
            source: {},
          },
        ],
        order: 1800,
        selector: WORKER_PUBLIC,
        types: ["Egress", "Ingress"],
      }),
    ],
  },
  {
    id: "allow-public-services-pods",
    set: "public-isolation",
    optional: true,
    summary: "Lets pods reach IBM Cloud services (registry, monitoring, logging, Istio) over the public network.",
    objects: (inputs) => [
      gnp("allow-public-services-pods", {
        egress: publicServicesEgress(inputs),
        order: 1800,
        selector: ORCHESTRATOR_K8S,
        types: ["Egress"],
      }),
    ],
  },
];

/** The private host endpoint IBM's template describes, for one worker. */
export function privateHostEndpoint(worker: PrivateWorker): HostEndpoint {
  return {
    apiVersion: "projectcalico.org/v3",
    kind: "HostEndpoint",
    metadata: { labels: { "ibm.role": "worker_private" }, name: `${worker.node}-worker-private` },
    spec: { node: worker.node, interfaceName: "eth0", expectedIPs: [worker.privateIp] },
  };
}

/** The member that holds the private host endpoints; its objects come from the cluster's workers. */
export const PRIVATE_HOST_ENDPOINTS_MEMBER = "generic-privatehostendpoint";

export const PRIVATE_MEMBERS: readonly IsolationMember[] = [
  {
    id: "allow-all-workers-private",
    set: "private-isolation",
    optional: false,
    summary: "Limits workers on the private network to the cluster's other workers and pods.",
    objects: ({ podSubnet }) => [
      gnp("allow-all-workers-private", {
        egress: [
          { action: "Allow", destination: { selector: WORKER_PRIVATE }, source: {} },
          { action: "Allow", destination: { nets: [podSubnet] }, source: {} },
        ],
        ingress: [{ action: "Allow", destination: {}, source: { selector: WORKER_PRIVATE } }],
        order: 1950,
        selector: WORKER_PRIVATE,
        types: ["Egress", "Ingress"],
      }),
    ],
  },
  {
    id: "allow-egress-pods-private",
    set: "private-isolation",
    optional: false,
    summary: "Opens the ports pods need, lets pods reach other pods and public networks, not private ones.",
    objects: ({ region }) => [
      gnp("allow-egress-pods-private", {
        egress: [
          ...podPorts(),
          ...etcdProxy(),
          { action: "Allow", destination: { selector: ORCHESTRATOR_K8S }, source: {} },
          { action: "Allow", destination: { notNets: [...PRIVATE_RANGES] }, source: {} },
          ...controlPlane(region.privateControlPlane, [MASTER_PORTS]),
        ],
        order: 1500,
        selector: ORCHESTRATOR_K8S,
        types: ["Egress"],
      }),
    ],
  },
  {
    id: "allow-ibm-ports-private",
    set: "private-isolation",
    optional: false,
    summary: "Opens the ports workers need: DNS, NFS, block storage, the proxies, the master's VPN, BigFix.",
    objects: (inputs) => [
      gnp("allow-ibm-ports-private", {
        egress: [
          ...udpTcp({ action: "Allow", destination: { ports: [53, 5353, 2049, 3260, 5473] }, source: {} }),
          ...etcdProxy(),
          ...masterProxy(inputs.masterProxy),
        ],
        ingress: udpTcp({ action: "Allow", destination: { ports: [53, 5353, 10250, 52311] }, source: {} }),
        order: 1500,
        selector: WORKER_PRIVATE,
        types: ["Ingress", "Egress"],
      }),
    ],
  },
  {
    id: "allow-icmp-private",
    set: "private-isolation",
    optional: false,
    summary: "Opens ICMP for the infrastructure's health monitoring.",
    objects: () => [
      gnp("allow-icmp-private", {
        ingress: [{ action: "Allow", destination: {}, protocol: "ICMP", source: {} }],
        order: 1500,
        selector: WORKER_PRIVATE,
        types: ["Ingress"],
      }),
    ],
  },
  {
    id: "allow-private-service-endpoint",
    set: "private-isolation",
    optional: false,
    summary: "Lets workers reach the cluster master through the private service endpoint, in every zone.",
    objects: ({ region }) => [
      gnp("allow-private-service-endpoint", {
        egress: controlPlane(region.privateControlPlane, [MASTER_PORTS, 443]),
        order: 1900,
        selector: WORKER_PRIVATE,
        types: ["Egress"],
      }),
    ],
  },
  {
    id: "allow-sys-mgmt-private",
    set: "private-isolation",
    optional: false,
    summary: "Lets IBM Cloud infrastructure subnets manage the workers (needed to create workers).",
    objects: ({ region }) => [
      gnp("allow-sys-mgmt-private", {
        egress: [{ action: "Allow", destination: { nets: [...region.sysMgmt] }, source: {} }],
        ingress: [{ action: "Allow", destination: {}, source: { nets: [...region.sysMgmt] } }],
        order: 1800,
        selector: WORKER_PRIVATE,
        types: ["Egress", "Ingress"],
      }),
    ],
  },
  {
    id: "deny-all-private-default",
    set: "private-isolation",
    optional: false,
    summary: "Denies all other worker traffic on the private interface (order 99900, last).",
    objects: () => [
      gnp("deny-all-private-default", {
        egress: [{ action: "Deny", destination: {}, source: {} }],
        ingress: [{ action: "Deny", destination: {}, source: {} }],
        order: 99900,
        selector: WORKER_PRIVATE,
        types: ["Egress", "Ingress"],
      }),
    ],
  },
  {
    id: PRIVATE_HOST_ENDPOINTS_MEMBER,
    set: "private-isolation",
    optional: false,
    summary:
      "One host endpoint per worker on its private interface (eth0), so the policies above select it; a new " +
      "host endpoint drops its node to failsafe ports until they do.",
    objects: ({ workers }) => workers.map(privateHostEndpoint),
  },
  {
    id: "allow-private-services",
    set: "private-isolation",
    optional: true,
    summary: "Lets workers reach IBM Cloud services (registry, monitoring, logging) over private endpoints.",
    objects: (inputs) => [
      gnp("allow-private-services", {
        egress: privateServicesEgress(inputs),
        order: 1900,
        selector: WORKER_PRIVATE,
        types: ["Egress"],
      }),
    ],
  },
  {
    id: "allow-private-services-pods",
    set: "private-isolation",
    optional: true,
    summary: "Lets pods reach IBM Cloud services (registry, monitoring, logging) over private endpoints.",
    objects: (inputs) => [
      gnp("allow-private-services-pods", {
        egress: privateServicesEgress(inputs),
        order: 1900,
        selector: ORCHESTRATOR_K8S,
        types: ["Egress"],
      }),
    ],
  },
  {
    id: "allow-vrrp-private",
    set: "private-isolation",
    optional: true,
    summary: "Opens VRRP (IP protocol 112), which Kubernetes LoadBalancer services need.",
    objects: () => [
      gnp("allow-vrrp-private", {
        egress: [{ action: "Allow", destination: {}, protocol: 112, source: {} }],
        ingress: [{ action: "Allow", destination: {}, protocol: 112, source: {} }],
        order: 1500,
        selector: WORKER_PRIVATE,
        types: ["Ingress", "Egress"],
      }),
    ],
  },
];
