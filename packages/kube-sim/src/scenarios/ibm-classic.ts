import type { KubeObject } from "../store";

/**
 * An IBM Cloud classic cluster as its operators see it (shared/docs/ibm-classic-defaults.md): four workers named by
 * their private IPs, each with a private (eth0) and a public (eth1) host endpoint, and IBM's seven default
 * GlobalNetworkPolicies. Public addresses come from the documentation ranges (RFC 5737). Values the sources do not
 * publish (host endpoint names, public IPs, the IBM management subnets, allow-all-outbound's and
 * allow-all-private-default's orders) are illustrative.
 */
const WORKERS = [
  { name: "10.176.48.106", publicIp: "198.51.100.14", zone: "dal10" },
  { name: "10.176.48.107", publicIp: "198.51.100.15", zone: "dal10" },
  { name: "10.184.58.23", publicIp: "203.0.113.23", zone: "dal12" },
  { name: "10.184.58.42", publicIp: "203.0.113.42", zone: "dal12" },
] as const;

const PUBLIC_ROLES = "ibm.role in { 'worker_public', 'master_public' }";

function gnp(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: "projectcalico.org/v3", kind: "GlobalNetworkPolicy", metadata: { name }, spec };
}

export function ibmClassicScenario(): KubeObject[] {
  const objects: KubeObject[] = [
    { apiVersion: "projectcalico.org/v3", kind: "Tier", metadata: { name: "default" }, spec: { order: 1_000_000 } },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-system" } },
  ];
  for (const w of WORKERS) {
    objects.push({
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: w.name,
        labels: {
          "kubernetes.io/hostname": w.name,
          "topology.kubernetes.io/zone": w.zone,
          "ibm-cloud.kubernetes.io/worker-pool-name": "default",
        },
      },
      status: {
        addresses: [
          { type: "InternalIP", address: w.name },
          { type: "ExternalIP", address: w.publicIp },
          { type: "Hostname", address: w.name },
        ],
      },
    });
    objects.push(hostEndpoint(w.name, "private", "eth0", w.name));
    objects.push(hostEndpoint(w.name, "public", "eth1", w.publicIp));
  }
  objects.push(
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
  );
  return objects;
}

function hostEndpoint(node: string, side: "public" | "private", iface: string, ip: string): KubeObject {
  return {
    apiVersion: "projectcalico.org/v3",
    kind: "HostEndpoint",
    metadata: {
      name: `${node}-worker-${side}`,
      labels: { "ibm.role": `worker_${side}`, "ibm.node": node },
    },
    spec: { node, interfaceName: iface, expectedIPs: [ip] },
  };
}
