import { type Static, Type } from "typebox";
import { MAX_BODY_BYTES } from "./documents";
import { EndpointRef } from "./endpoints";
import { ExplainRequest, ExplainResult } from "./explain";
import { PolicyKind } from "./kinds";

/**
 * `POST .../packet-log`: kernel log lines written by Felix's Log rules (iptables LOG or nftables log), pasted from a
 * worker's syslog. `logPrefix` is the cluster's FelixConfiguration `logPrefix` (default `calico-packet`; Calico
 * 3.32's `%t %k %n %p` specifiers name the policy in each line).
 */
export const PacketLogRequest = Type.Object({
  text: Type.String({ minLength: 1, maxLength: MAX_BODY_BYTES }),
  logPrefix: Type.Optional(Type.String({ maxLength: 127 })),
});
export type PacketLogRequest = Static<typeof PacketLogRequest>;

/** One address of a logged packet and what it is in this cluster. */
export const PacketLogAddress = Type.Object({
  ip: Type.String(),
  /** The endpoint holding the address, when one does. */
  endpoint: Type.Optional(EndpointRef),
  /** What the address is, in words: a pod, a host endpoint, a node, a Service, or outside the cluster. */
  names: Type.Array(Type.String()),
  /** Why the address may not be the packet's real end (NAT: kube-proxy, masquerade, natOutgoing). */
  caveats: Type.Array(Type.String()),
});
export type PacketLogAddress = Static<typeof PacketLogAddress>;

/** The policy a line's prefix names (a templated prefix), resolved against the cluster where it can be. */
export const PacketLogPolicy = Type.Object({
  tier: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  /** The prefix was cut by the kernel inside this field. */
  partial: Type.Optional(Type.String()),
  /** The policy of this cluster it names, when exactly one fits. */
  ref: Type.Optional(Type.Object({ kind: PolicyKind, name: Type.String(), namespace: Type.Optional(Type.String()) })),
  message: Type.String(),
});
export type PacketLogPolicy = Static<typeof PacketLogPolicy>;

export const PacketLogEntry = Type.Union([
  Type.Object({
    line: Type.Integer({ minimum: 1 }),
    ok: Type.Literal(true),
    time: Type.Optional(Type.String()),
    host: Type.Optional(Type.String()),
    prefix: Type.String(),
    truncated: Type.Boolean(),
    dataplane: Type.String(),
    inInterface: Type.String(),
    outInterface: Type.String(),
    protocol: Type.String(),
    srcPort: Type.Optional(Type.Integer()),
    dstPort: Type.Optional(Type.Integer()),
    source: PacketLogAddress,
    destination: PacketLogAddress,
    policy: Type.Optional(PacketLogPolicy),
    /** Where the Log rule ran (which endpoint's chain, which direction), as inferred from the interfaces. */
    loggedAt: Type.String(),
    /** The packet as an explain request, when an endpoint of the cluster logged it; then its answer or why not. */
    explain: Type.Optional(ExplainRequest),
    verdict: Type.Optional(ExplainResult),
    explainError: Type.Optional(Type.String()),
  }),
  Type.Object({
    line: Type.Integer({ minimum: 1 }),
    ok: Type.Literal(false),
    message: Type.String(),
  }),
]);
export type PacketLogEntry = Static<typeof PacketLogEntry>;

export const PacketLogResult = Type.Object({
  entries: Type.Array(PacketLogEntry),
  /** The template the prefixes were read with, and whether it names policies. */
  logPrefix: Type.String(),
  templated: Type.Boolean(),
});
export type PacketLogResult = Static<typeof PacketLogResult>;
