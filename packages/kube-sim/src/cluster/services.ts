import { isRecord, type KubeObject } from "../api/object";

/** IBM Cloud classic's default service subnet (illustrative of any cluster's service CIDR). */
const SERVICE_NET = [172, 21];
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

/**
 * What the API server's service REST storage does on write: defaults (type, protocol, targetPort, policies) and
 * allocation of a cluster IP and, for NodePort and LoadBalancer services, node ports; kept across updates.
 */
export function allocateService(
  svc: KubeObject,
  old: KubeObject | undefined,
  existing: readonly KubeObject[],
): KubeObject {
  const spec: Record<string, unknown> = isRecord(svc.spec) ? { ...svc.spec } : {};
  const oldSpec = old !== undefined && isRecord(old.spec) ? old.spec : {};
  const specs = existing
    .filter((s) => s.metadata.uid !== svc.metadata.uid)
    .map((s) => (isRecord(s.spec) ? s.spec : {}));
  spec.type ??= "ClusterIP";
  spec.sessionAffinity ??= "None";
  spec.internalTrafficPolicy ??= "Cluster";
  spec.ipFamilies ??= ["IPv4"];
  spec.ipFamilyPolicy ??= "SingleStack";
  if (spec.clusterIP === undefined || spec.clusterIP === "") {
    spec.clusterIP = typeof oldSpec.clusterIP === "string" ? oldSpec.clusterIP : freeClusterIp(specs);
  }
  spec.clusterIPs = [spec.clusterIP];
  const withNodePorts = spec.type === "NodePort" || spec.type === "LoadBalancer";
  if (withNodePorts) spec.externalTrafficPolicy ??= "Cluster";
  if (spec.type === "LoadBalancer") spec.allocateLoadBalancerNodePorts ??= true;
  const used = new Set(
    specs.flatMap((s) => (Array.isArray(s.ports) ? s.ports : [])).map((p) => (isRecord(p) ? p.nodePort : undefined)),
  );
  const oldPorts = Array.isArray(oldSpec.ports) ? oldSpec.ports.filter(isRecord) : [];
  spec.ports = (Array.isArray(spec.ports) ? spec.ports : []).map((raw) => {
    const p: Record<string, unknown> = isRecord(raw) ? { ...raw } : {};
    p.protocol ??= "TCP";
    p.targetPort ??= p.port;
    if (withNodePorts && p.nodePort === undefined) {
      const previous = oldPorts.find((o) => o.port === p.port && o.protocol === p.protocol)?.nodePort;
      p.nodePort = previous ?? nextFree(used);
      used.add(p.nodePort);
    }
    return p;
  });
  return { ...svc, spec, status: isRecord(svc.status) ? svc.status : (old?.status ?? { loadBalancer: {} }) };
}

function freeClusterIp(specs: readonly Record<string, unknown>[]): string {
  const used = new Set(specs.map((s) => s.clusterIP));
  for (let i = 10; i < 65534; i++) {
    const ip = `${SERVICE_NET[0]}.${SERVICE_NET[1]}.${Math.floor(i / 256)}.${i % 256}`;
    if (!used.has(ip) && i % 256 !== 0 && i % 256 !== 255) return ip;
  }
  throw new Error("kube-sim: service IP range exhausted");
}

function nextFree(used: ReadonlySet<unknown>): number {
  for (let p = NODE_PORT_MIN; p <= NODE_PORT_MAX; p++) if (!used.has(p)) return p;
  throw new Error("kube-sim: node port range exhausted");
}
