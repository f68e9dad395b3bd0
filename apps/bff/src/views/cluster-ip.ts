/**
 * A packet a pod or a host sends to a Service's ClusterIP. kube-proxy translates it to one of the Service's ready
 * endpoints (nat PREROUTING for a pod, nat OUTPUT for the host itself) before Calico's pod egress chain (filter
 * FORWARD) or host endpoint egress chain (filter OUTPUT) sees it, so policy only ever sees the endpoint
 * (docs/calico-semantics.md section 4). The endpoints are read from the Service's EndpointSlices: the slice port named
 * as the Service port gives the target port; an endpoint whose `ready` condition is false is not used.
 */
import { protocolNumber, SERVICE_NAME_LABEL } from "@palisade/calico";
import type { Cluster } from "../clusters/cluster";
import type { KubeObject } from "../kube/resources";

export interface ClusterIpTarget {
  /** `namespace/name` of the Service. */
  readonly service: string;
  /**
   * The ready endpoints for the packet's port and protocol, by address; undefined when the cluster does not serve
   * EndpointSlices (the endpoint cannot be known).
   */
  readonly endpoints: readonly { readonly ip: string; readonly port: number }[] | undefined;
}

interface ServicePort {
  name?: string;
  port?: number;
  protocol?: string;
}

interface SliceFields {
  endpoints?: { addresses?: string[]; conditions?: { ready?: boolean } }[];
  ports?: { name?: string; port?: number; protocol?: string }[];
}

/** The Service whose ClusterIP and port the packet is sent to, and its endpoints; undefined when it is none's. */
export function clusterIpTarget(
  cluster: Cluster,
  ip: string,
  port: number,
  protocol: string | number,
): ClusterIpTarget | undefined {
  const proto = protocolNumber(protocol);
  for (const svc of cluster.objects("Service")) {
    const spec = (svc.spec ?? {}) as { clusterIP?: string; clusterIPs?: readonly string[]; ports?: ServicePort[] };
    const ips = [...(spec.clusterIPs ?? []), ...(spec.clusterIP === undefined ? [] : [spec.clusterIP])];
    if (!ips.some((a) => a !== "None" && a.toLowerCase() === ip.toLowerCase())) continue;
    const svcPort = (spec.ports ?? []).find((p) => p.port === port && protocolNumber(p.protocol ?? "TCP") === proto);
    if (svcPort === undefined) continue;
    const service = `${svc.metadata.namespace ?? ""}/${svc.metadata.name}`;
    if (cluster.servedType("EndpointSlice") === undefined) return { service, endpoints: undefined };
    return { service, endpoints: endpointsFor(cluster, svc, svcPort) };
  }
  return undefined;
}

function endpointsFor(cluster: Cluster, svc: KubeObject, svcPort: ServicePort) {
  const out = new Map<string, { ip: string; port: number }>();
  for (const slice of cluster.objects("EndpointSlice")) {
    if (slice.metadata.namespace !== svc.metadata.namespace) continue;
    if (slice.metadata.labels?.[SERVICE_NAME_LABEL] !== svc.metadata.name) continue;
    const fields = slice as unknown as SliceFields;
    const target = (fields.ports ?? []).find(
      (p) => (p.name ?? "") === (svcPort.name ?? "") && (p.protocol ?? "TCP") === (svcPort.protocol ?? "TCP"),
    )?.port;
    if (target === undefined) continue;
    for (const ep of fields.endpoints ?? []) {
      // kube-proxy takes an endpoint without conditions as ready.
      if (ep.conditions?.ready === false) continue;
      for (const address of ep.addresses ?? []) out.set(`${address}:${target}`, { ip: address, port: target });
    }
  }
  return [...out.values()].sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port));
}
