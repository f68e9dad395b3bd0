/**
 * Failsafe ports: host traffic Felix always lets through host endpoints, whatever the policy
 * (felix/config/config_params.go `FailsafeInboundHostPorts` / `FailsafeOutboundHostPorts`; docs/calico-semantics.md
 * section 4). Inbound entries match the destination port on the host; outbound ones the remote destination port.
 * An entry with a net also requires the remote address to be inside it.
 */
import type { ParsedIp } from "../validate/net";
import { ipInNets } from "./ip-match";

export interface FailsafePort {
  readonly protocol: "tcp" | "udp" | "sctp";
  readonly port: number;
  readonly net?: string | undefined;
}

export interface FailsafeConfig {
  readonly inbound: readonly FailsafePort[];
  readonly outbound: readonly FailsafePort[];
}

const ports = (spec: string): FailsafePort[] =>
  spec.split(", ").map((e) => {
    const [protocol, port] = e.split(":");
    return { protocol: protocol as FailsafePort["protocol"], port: Number(port) };
  });

/** Felix's defaults. */
export const DEFAULT_FAILSAFE: FailsafeConfig = {
  inbound: ports("tcp:22, udp:68, tcp:179, tcp:2379, tcp:2380, tcp:5473, tcp:6443, tcp:6666, tcp:6667"),
  outbound: ports("udp:53, udp:67, tcp:179, tcp:2379, tcp:2380, tcp:5473, tcp:6443, tcp:6666, tcp:6667"),
};

const PROTOCOL_NUMBERS = { tcp: 6, udp: 17, sctp: 132 } as const;

/** The first failsafe entry the packet hits, if any. */
export function matchFailsafe(
  entries: readonly FailsafePort[],
  protocol: number,
  port: number | undefined,
  remote: ParsedIp | undefined,
): FailsafePort | undefined {
  if (port === undefined) return undefined;
  return entries.find(
    (e) =>
      PROTOCOL_NUMBERS[e.protocol] === protocol &&
      e.port === port &&
      (e.net === undefined || (remote !== undefined && ipInNets([e.net], remote))),
  );
}

export function describeFailsafe(e: FailsafePort): string {
  return `${e.protocol}:${e.port}${e.net === undefined ? "" : ` from ${e.net}`}`;
}
