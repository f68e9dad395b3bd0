/**
 * Is an address inside a rule's or failsafe entry's nets? CIDR text is read with the validator's Go-compatible
 * parser (`ParseCIDROrIP`, src/validate/net.ts); entries that do not parse are skipped, as Felix skips them
 * (updateprocessors/rules.go `ConvertStringsToNets`).
 */
import { cidrContains, type ParsedIp, parseCidrOrIp } from "../validate/net";

export function ipInNets(nets: readonly string[], ip: ParsedIp): boolean {
  const host = { ip, prefix: ip.bytes.length * 8, bits: ip.bytes.length === 4 ? (32 as const) : (128 as const) };
  return nets.some((n) => {
    const cidr = parseCidrOrIp(n);
    return cidr !== undefined && cidrContains(cidr, host);
  });
}

/** Two parsed addresses are the same address. */
export function sameIp(a: ParsedIp, b: ParsedIp): boolean {
  return a.bytes.length === b.bytes.length && a.bytes.every((x, i) => x === b.bytes[i]);
}
