import { type Static, Type } from "typebox";
import { Warning } from "./documents";
import { EndpointMatches } from "./endpoints";
import { FieldError } from "./errors";
import { ResourceObject, ResourceRef } from "./resources";

/** `POST /api/v1/clusters/:cluster/generators/:generator`; the body schema depends on the generator. */
export const GeneratorName = Type.Union([
  Type.Literal("deny-nodeports"),
  Type.Literal("prednat-allowlist"),
  Type.Literal("log-denied-packets"),
]);
export type GeneratorName = Static<typeof GeneratorName>;

/** Which host interfaces a generated pre-DNAT policy targets (IBM `ibm.role` worker_public / worker_private). */
export const TargetInterfaces = Type.Array(Type.Union([Type.Literal("public"), Type.Literal("private")]), {
  minItems: 1,
  uniqueItems: true,
});
export type TargetInterfaces = Static<typeof TargetInterfaces>;

const PortSpec = Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String({ minLength: 1 })]);

/** Deny NodePorts on public interfaces: a preDNAT GlobalNetworkPolicy (defaults: order 1100, 30000:32767). */
export const DenyNodePortsParams = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  order: Type.Optional(Type.Number()),
  interfaces: Type.Optional(TargetInterfaces),
  /** Port ranges, `min:max` strings or numbers; default `30000:32767`. */
  ports: Type.Optional(Type.Array(PortSpec, { minItems: 1 })),
  protocols: Type.Optional(
    Type.Array(Type.Union([Type.Literal("TCP"), Type.Literal("UDP"), Type.Literal("SCTP")]), { minItems: 1 }),
  ),
});
export type DenyNodePortsParams = Static<typeof DenyNodePortsParams>;

/** Pre-DNAT allowlist: only these client CIDRs may reach these LB/NLB IPs and ports (default order 500). */
export const PreDnatAllowlistParams = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  order: Type.Optional(Type.Number()),
  sourceCidrs: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  /** Load balancer / NLB addresses (a LoadBalancer service's external IPs). */
  destinationIps: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  ports: Type.Array(PortSpec, { minItems: 1 }),
  protocol: Type.Union([Type.Literal("TCP"), Type.Literal("UDP"), Type.Literal("SCTP")]),
  interfaces: Type.Optional(TargetInterfaces),
});
export type PreDnatAllowlistParams = Static<typeof PreDnatAllowlistParams>;

/** A Log policy sharing an existing policy's selector, ordered after it (default order: the policy's + 1). */
export const LogDeniedPacketsParams = Type.Object({
  policy: ResourceRef,
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  order: Type.Optional(Type.Number()),
});
export type LogDeniedPacketsParams = Static<typeof LogDeniedPacketsParams>;

export const GeneratorResult = Type.Object({
  objects: Type.Array(ResourceObject),
  yaml: Type.String(),
  /** Problems `validateResource` finds in the output (empty for valid parameters). */
  errors: Type.Array(FieldError),
  warnings: Type.Array(Warning),
  /** The endpoints the generated policies will apply to in this cluster. */
  appliesTo: EndpointMatches,
});
export type GeneratorResult = Static<typeof GeneratorResult>;
