/**
 * IPv4/IPv6 addresses and CIDRs in plain TypeScript, for rule `nets`/`notNets` and failsafe nets
 * (docs/calico-semantics.md sections 4 and 5). A bare address is a host CIDR, as `ParseCIDROrIP` reads it.
 */

export interface IpAddress {
  readonly family: 4 | 6;
  /** The address as an unsigned integer (32 or 128 bits). */
  readonly value: bigint;
}

export interface Cidr {
  readonly family: 4 | 6;
  /** The network address (host bits cleared). */
  readonly network: bigint;
  readonly prefix: number;
}

export function parseIp(text: string): IpAddress | undefined {
  return text.includes(":") ? parseIpv6(text) : parseIpv4(text);
}

function parseIpv4(text: string): IpAddress | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return { family: 4, value };
}

function parseIpv6(text: string): IpAddress | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === "") return [];
    const out: number[] = [];
    const items = s.split(":");
    for (let i = 0; i < items.length; i++) {
      const item = items[i] ?? "";
      if (i === items.length - 1 && item.includes(".")) {
        const v4 = parseIpv4(item);
        if (v4 === undefined) return undefined;
        out.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(item)) {
        out.push(Number.parseInt(item, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0] ?? "");
  const tail = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  let value = 0n;
  for (const g of [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail]) {
    value = (value << 16n) | BigInt(g);
  }
  return { family: 6, value };
}

/** Parses `addr/len` or a bare address; host bits are cleared, as Felix normalises rule nets. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf("/");
  const ip = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (ip === undefined) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  let prefix = bits;
  if (slash !== -1) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return undefined;
    prefix = Number(p);
  }
  return { family: ip.family, network: ip.value & mask(bits, prefix), prefix };
}

function mask(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.family !== ip.family) return false;
  return (ip.value & mask(cidr.family === 4 ? 32 : 128, cidr.prefix)) === cidr.network;
}

/** True when `ip` is inside any of the CIDR strings; unparsable entries are skipped, as Felix skips them. */
export function inAnyNet(nets: readonly string[], ip: IpAddress): boolean {
  return nets.some((n) => {
    const c = parseCidr(n);
    return c !== undefined && cidrContains(c, ip);
  });
}
