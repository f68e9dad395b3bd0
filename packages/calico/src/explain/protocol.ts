/**
 * Protocol names and numbers (api/pkg/lib/numorstring/protocol.go; docs/calico-semantics.md section 5). Matching
 * compares numbers, so `TCP` and `6` are the same protocol; names fold case as `ProtocolFromString` does.
 */

const NUMBERS: Readonly<Record<string, number>> = {
  icmp: 1,
  tcp: 6,
  udp: 17,
  icmpv6: 58,
  sctp: 132,
  udplite: 136,
};

/** The protocol number for a name or number (`"TCP"`, `"tcp"`, `6`, `"6"`); undefined when unknown. */
export function protocolNumber(p: number | string): number | undefined {
  if (typeof p === "number") return Number.isInteger(p) && p >= 0 && p <= 255 ? p : undefined;
  if (/^\d+$/.test(p)) return protocolNumber(Number(p));
  return NUMBERS[p.toLowerCase()];
}

const NAMES: Readonly<Record<number, string>> = {
  1: "ICMP",
  6: "TCP",
  17: "UDP",
  58: "ICMPv6",
  132: "SCTP",
  136: "UDPLite",
};

/** A protocol number as people write it. */
export function protocolName(n: number): string {
  return NAMES[n] ?? String(n);
}
