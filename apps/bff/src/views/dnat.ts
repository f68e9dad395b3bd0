import type { ExplainDnat } from "@palisade/contract";
import type { KubeObject } from "../kube/resources";

/** The packet's destination as it arrives at the host, before kube-proxy's DNAT in nat PREROUTING. */
export interface DnatPacket {
  /** A name (`TCP`) or a number. */
  readonly protocol: string | number;
  readonly ip: string;
  readonly port: number;
  /** The node of the host endpoint the packet arrives on (for `externalTrafficPolicy: Local`). */
  readonly node: string | undefined;
}

/** What kube-proxy knows: Services, pods and the addresses its NodePorts listen on. */
export interface DnatCluster {
  readonly services: readonly KubeObject[];
  readonly pods: readonly KubeObject[];
  /** Every node's addresses (Node status and host endpoints' expected IPs). */
  readonly nodeAddresses: ReadonlySet<string>;
}

interface ServicePort {
  readonly name?: string;
  readonly protocol?: string;
  readonly port?: number;
  readonly nodePort?: number;
  readonly targetPort?: number | string;
}

interface ServiceSpec {
  readonly type?: string;
  readonly selector?: Record<string, string>;
  readonly ports?: readonly ServicePort[];
  readonly externalIPs?: readonly string[];
  readonly externalTrafficPolicy?: string;
}

const PROTOCOLS: Record<number, string> = { 6: "TCP", 17: "UDP", 132: "SCTP" };

/**
 * The DNAT kube-proxy would apply to a packet arriving at a node (its KUBE-SERVICES / KUBE-NODEPORTS chains): a
 * LoadBalancer ingress IP or external IP with a Service port, or a node address with a Service's NodePort (every
 * node listens on every NodePort). The packet goes to one ready pod selected by the Service, at its targetPort.
 * kube-proxy picks a backend at random; this picks the first eligible pod by name so answers are repeatable.
 * Undefined when no Service owns the destination.
 */
export function serviceDnat(packet: DnatPacket, cluster: DnatCluster): ExplainDnat | undefined {
  const protocol = protocolName(packet.protocol);
  if (protocol === undefined) return undefined;
  const ip = normalIp(packet.ip);
  const isNode = [...cluster.nodeAddresses].some((a) => normalIp(a) === ip);
  for (const svc of [...cluster.services].sort(byKey)) {
    const spec = (svc.spec ?? {}) as ServiceSpec;
    const external = [...(spec.externalIPs ?? []), ...(spec.type === "LoadBalancer" ? ingressIps(svc) : [])];
    const ports = (spec.ports ?? []).filter((p) => (p.protocol ?? "TCP").toUpperCase() === protocol);
    const lb = external.some((a) => normalIp(a) === ip) ? ports.find((p) => p.port === packet.port) : undefined;
    const nodePort =
      lb === undefined && isNode && (spec.type === "NodePort" || spec.type === "LoadBalancer")
        ? ports.find((p) => p.nodePort === packet.port)
        : undefined;
    const port = lb ?? nodePort;
    if (port === undefined) continue;
    const via =
      nodePort !== undefined
        ? "NodePort"
        : (spec.externalIPs ?? []).some((a) => normalIp(a) === ip)
          ? "ExternalIP"
          : "LoadBalancer";
    return translate(svc, spec, port, protocol, via, packet, cluster.pods);
  }
  return undefined;
}

function translate(
  svc: KubeObject,
  spec: ServiceSpec,
  port: ServicePort,
  protocol: string,
  via: ExplainDnat["via"],
  packet: DnatPacket,
  pods: readonly KubeObject[],
): ExplainDnat {
  const service = key(svc);
  const from = { ip: packet.ip, port: packet.port };
  const what = `${via === "NodePort" ? "NodePort" : `${via} ${packet.ip} port`} ${packet.port}/${protocol} of Service ${service}`;
  // externalTrafficPolicy Local: only pods on the receiving node serve NodePort and load balancer traffic.
  const local = spec.externalTrafficPolicy === "Local";
  const backends = (spec.selector === undefined ? [] : pods)
    .filter((p) => p.metadata.namespace === svc.metadata.namespace && selects(spec.selector ?? {}, p))
    .filter((p) => ready(p) && (!local || podSpec(p).nodeName === packet.node))
    .flatMap((p) => {
      const ip = podIp(p, packet.ip);
      const target = targetPort(p, port, protocol);
      return ip === undefined || target === undefined ? [] : [{ pod: key(p), ip, port: target }];
    })
    .sort((a, b) => a.pod.localeCompare(b.pod));
  const to = backends[0];
  if (to === undefined) {
    const where = local ? " on this node (externalTrafficPolicy: Local)" : "";
    return { service, via, from, message: `${what} has no ready pod${where}: kube-proxy rejects or drops the packet` };
  }
  const choice = backends.length === 1 ? "its only ready pod" : `the first of ${backends.length} ready pods by name`;
  return {
    service,
    via,
    from,
    to,
    message: `${what}: kube-proxy DNATs to ${to.ip}:${to.port}, pod ${to.pod} (${choice}; kube-proxy picks at random)`,
  };
}

function protocolName(p: string | number): string | undefined {
  if (typeof p === "number") return PROTOCOLS[p];
  const upper = p.toUpperCase();
  if (/^\d+$/.test(upper)) return PROTOCOLS[Number(upper)];
  return Object.values(PROTOCOLS).includes(upper) ? upper : undefined;
}

function ingressIps(svc: KubeObject): string[] {
  const status = svc.status as { loadBalancer?: { ingress?: readonly { ip?: string }[] } } | undefined;
  return (status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip === undefined ? [] : [i.ip]));
}

function selects(selector: Record<string, string>, pod: KubeObject): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

interface PodSpec {
  readonly nodeName?: string;
  readonly containers?: readonly { readonly ports?: readonly ContainerPort[] }[];
}

interface ContainerPort {
  readonly name?: string;
  readonly containerPort?: number;
  readonly protocol?: string;
}

interface PodStatus {
  readonly phase?: string;
  readonly podIP?: string;
  readonly podIPs?: readonly { readonly ip?: string }[];
  readonly conditions?: readonly { readonly type?: string; readonly status?: string }[];
}

function podSpec(pod: KubeObject): PodSpec {
  return (pod.spec ?? {}) as PodSpec;
}

function podStatus(pod: KubeObject): PodStatus {
  return (pod.status ?? {}) as PodStatus;
}

/** An endpoint kube-proxy serves: running, not being deleted, and not reported unready. */
function ready(pod: KubeObject): boolean {
  const status = podStatus(pod);
  if (status.phase !== "Running" || pod.metadata.deletionTimestamp !== undefined) return false;
  return !(status.conditions ?? []).some((c) => c.type === "Ready" && c.status !== "True");
}

/** The pod's address in the packet's family. */
function podIp(pod: KubeObject, destination: string): string | undefined {
  const status = podStatus(pod);
  const ips = [...(status.podIPs ?? []).flatMap((p) => (p.ip === undefined ? [] : [p.ip])), status.podIP];
  const v6 = destination.includes(":");
  return ips.find((ip) => ip !== undefined && ip.includes(":") === v6);
}

/** A numeric targetPort, a named one looked up in the pod's containers, or the Service port when unset. */
function targetPort(pod: KubeObject, port: ServicePort, protocol: string): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  if (target === undefined) return undefined;
  if (/^\d+$/.test(target)) return Number(target);
  const named = (podSpec(pod).containers ?? [])
    .flatMap((c) => c.ports ?? [])
    .find((p) => p.name === target && (p.protocol ?? "TCP").toUpperCase() === protocol);
  return named?.containerPort;
}

function normalIp(ip: string): string {
  return ip.toLowerCase();
}

function key(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
}

function byKey(a: KubeObject, b: KubeObject): number {
  return key(a).localeCompare(key(b));
}
