import { type Static, Type } from "typebox";

/** The Service types that take traffic from outside the cluster. */
export const ServiceType = Type.Union([
  Type.Literal("ClusterIP"),
  Type.Literal("NodePort"),
  Type.Literal("LoadBalancer"),
  Type.Literal("ExternalName"),
]);
export type ServiceType = Static<typeof ServiceType>;

/** `GET /clusters/:cluster/services?type=`: only Services of that type (default: all). */
export const ServiceQuery = Type.Object({
  type: Type.Optional(ServiceType),
});
export type ServiceQuery = Static<typeof ServiceQuery>;

/** One port of a Service as kube-proxy serves it. */
export const ServicePortView = Type.Object({
  name: Type.Optional(Type.String()),
  protocol: Type.Union([Type.Literal("TCP"), Type.Literal("UDP"), Type.Literal("SCTP")]),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  /** A number, or the name of a container port. */
  targetPort: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String()])),
  /** Set for NodePort and LoadBalancer Services: the port every node listens on. */
  nodePort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
});
export type ServicePortView = Static<typeof ServicePortView>;

/**
 * A Service and the addresses a packet from outside reaches it on: what a pre-DNAT allowlist names as its
 * destination (the load balancer's ingress IPs or external IPs, at `port`; or a node address at `nodePort`).
 */
export const ServiceSummary = Type.Object({
  namespace: Type.String(),
  name: Type.String(),
  type: ServiceType,
  clusterIP: Type.Optional(Type.String()),
  /** `status.loadBalancer.ingress[].ip`, for LoadBalancer Services that have one. */
  loadBalancerIPs: Type.Array(Type.String()),
  externalIPs: Type.Array(Type.String()),
  ports: Type.Array(ServicePortView),
});
export type ServiceSummary = Static<typeof ServiceSummary>;

export const ServiceList = Type.Object({ items: Type.Array(ServiceSummary) });
export type ServiceList = Static<typeof ServiceList>;
