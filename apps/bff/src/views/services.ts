import type { ServicePortView, ServiceSummary, ServiceType } from "@palisade/contract";
import type { KubeObject } from "../kube/resources";

interface ServiceSpec {
  readonly type?: string;
  readonly clusterIP?: string;
  readonly externalIPs?: readonly string[];
  readonly ports?: readonly {
    readonly name?: string;
    readonly protocol?: string;
    readonly port?: number;
    readonly targetPort?: number | string;
    readonly nodePort?: number;
  }[];
}

interface ServiceStatus {
  readonly loadBalancer?: { readonly ingress?: readonly { readonly ip?: string }[] };
}

const TYPES: readonly ServiceType[] = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
const PROTOCOLS: readonly ServicePortView["protocol"][] = ["TCP", "UDP", "SCTP"];

/**
 * The cached Services (optionally of one type), sorted by namespace and name, with the addresses and ports traffic
 * from outside reaches them on. A missing `spec.type` is ClusterIP and a missing port protocol TCP, as in Kubernetes.
 */
export function serviceList(services: readonly KubeObject[], type?: ServiceType): ServiceSummary[] {
  return services
    .map(serviceSummary)
    .filter((s) => type === undefined || s.type === type)
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

function serviceSummary(svc: KubeObject): ServiceSummary {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const status = (svc.status ?? {}) as ServiceStatus;
  const type = TYPES.find((t) => t === spec.type) ?? "ClusterIP";
  return {
    namespace: svc.metadata.namespace ?? "",
    name: svc.metadata.name,
    type,
    ...(spec.clusterIP === undefined || spec.clusterIP === "" ? {} : { clusterIP: spec.clusterIP }),
    loadBalancerIPs:
      type === "LoadBalancer"
        ? (status.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip === undefined ? [] : [i.ip]))
        : [],
    externalIPs: [...(spec.externalIPs ?? [])],
    ports: (spec.ports ?? []).flatMap((p): ServicePortView[] => {
      if (p.port === undefined) return [];
      const protocol = PROTOCOLS.find((x) => x === (p.protocol ?? "TCP").toUpperCase());
      if (protocol === undefined) return [];
      return [
        {
          ...(p.name === undefined ? {} : { name: p.name }),
          protocol,
          port: p.port,
          ...(p.targetPort === undefined ? {} : { targetPort: p.targetPort }),
          ...(p.nodePort === undefined ? {} : { nodePort: p.nodePort }),
        },
      ];
    }),
  };
}
