/**
 * IP address and CIDR parsing with Go's `net.ParseIP` / `net.ParseCIDR` rules, which libcalico-go's validator uses
 * (docs/calico-semantics.md §5: nets, notNets and IP families). No I/O; works in the browser.
 */

export interface ParsedIp {
  /** 4 or 16 bytes as written. */
  readonly bytes: readonly number[];
  /** 4 for IPv4 and IPv4-mapped IPv6 (Go's `To4() != nil`), else 6. */
  readonly version: 4 | 6;
}

export interface ParsedCidr {
  readonly ip: ParsedIp;
  readonly prefix: number;
  /** The prefix length in the address family of the written form (32 or 128 bits). */
  readonly bits: 32 | 128;
}

function parseIpv4(s: string): number[] | undefined {
  // Four dotted decimal parts of one to three digits, each at most 255; Go rejects leading zeros ("01") since 1.17
  // and anything but decimal digits. A character loop: endpoint addresses are parsed by the hundred thousand.
  const bytes: number[] = [];
  let n = 0;
  let digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : DOT;
    if (c === DOT) {
      if (digits === 0 || n > 255 || bytes.length === 4) return undefined;
      bytes.push(n);
      n = 0;
      digits = 0;
    } else if (c >= ZERO && c <= ZERO + 9) {
      if (digits === 3 || (digits === 1 && n === 0)) return undefined;
      n = n * 10 + (c - ZERO);
      digits++;
    } else return undefined;
  }
  return bytes.length === 4 ? bytes : undefined;
}

const DOT = 46;
const ZERO = 48;

function parseIpv6(s: string): number[] | undefined {
  let text = s;
  let tail: number[] = [];
  if (text.includes(".")) {
    // An embedded IPv4 address fills the last 32 bits: "::ffff:1.2.3.4".
    const lastColon = text.lastIndexOf(":");
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = v4;
    const head = text.slice(0, lastColon + 1);
    text = head.endsWith("::") ? head : head.slice(0, -1);
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === "") return [];
    const out: number[] = [];
    for (const g of half.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      const n = Number.parseInt(g, 16);
      out.push(n >> 8, n & 0xff);
    }
    return out;
  };
  const head = groups(halves[0] ?? "");
  const rest = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if (head === undefined || rest === undefined) return undefined;
  const written = head.length + rest.length + tail.length;
  if (halves.length === 2) {
    if (written > 14) return undefined;
    return [...head, ...new Array<number>(16 - written).fill(0), ...rest, ...tail];
  }
  return written === 16 ? [...head, ...tail] : undefined;
}

function isV4Mapped(bytes: readonly number[]): boolean {
  return bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/** Go's `net.ParseIP`: dotted IPv4 or IPv6 text (no zones, no brackets). */
export function parseIp(s: string): ParsedIp | undefined {
  if (s.includes(":")) {
    const bytes = parseIpv6(s);
    return bytes === undefined ? undefined : { bytes, version: isV4Mapped(bytes) ? 4 : 6 };
  }
  const bytes = parseIpv4(s);
  return bytes === undefined ? undefined : { bytes, version: 4 };
}

/** Go's `net.ParseCIDR`: an address, a slash and a decimal prefix length. */
export function parseCidr(s: string): ParsedCidr | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const ip = parseIp(s.slice(0, slash));
  const prefixText = s.slice(slash + 1);
  if (ip === undefined || !/^[0-9]{1,3}$/.test(prefixText)) return undefined;
  const bits = ip.bytes.length === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  return prefix > bits ? undefined : { ip, prefix, bits };
}

/** libcalico-go `ParseCIDROrIP`: a CIDR, or a bare address taken as a full-length prefix. */
export function parseCidrOrIp(s: string): ParsedCidr | undefined {
  const cidr = parseCidr(s);
  if (cidr !== undefined) return cidr;
  const ip = parseIp(s);
  if (ip === undefined) return undefined;
  const bits = ip.bytes.length === 4 ? 32 : 128;
  return { ip, prefix: bits, bits };
}

/** The network address of a CIDR (the address with host bits cleared). */
export function networkBytes(cidr: ParsedCidr): number[] {
  return cidr.ip.bytes.map((b, i) => {
    const bitsLeft = cidr.prefix - i * 8;
    if (bitsLeft >= 8) return b;
    if (bitsLeft <= 0) return 0;
    return b & (0xff << (8 - bitsLeft)) & 0xff;
  });
}

/** Whether no host bits are set (`10.0.0.0/8`, not `10.0.0.1/8`). */
export function isStrictlyMasked(cidr: ParsedCidr): boolean {
  return networkBytes(cidr).every((b, i) => b === cidr.ip.bytes[i]);
}

/** Go's `net.IP.String()`: dotted IPv4 (also for IPv4-mapped IPv6), else RFC 5952 with the longest zero run as "::". */
export function formatIp(bytes: readonly number[]): string {
  if (bytes.length === 4) return bytes.join(".");
  if (isV4Mapped(bytes)) return bytes.slice(12).join(".");
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = (g: number[]) => g.map((x) => x.toString(16)).join(":");
  if (bestLength < 2) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** Go's `IPNet.String()` of the network a CIDR denotes: `10.1.2.3/16` gives `10.1.0.0/16`. */
export function formatNetwork(cidr: ParsedCidr): string {
  return `${formatIp(networkBytes(cidr))}/${cidr.prefix}`;
}

/** Whether `inner` lies within `outer` (same family, longer or equal prefix, same leading bits). */
export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  if (outer.ip.bytes.length !== inner.ip.bytes.length || inner.prefix < outer.prefix) return false;
  const narrowed = networkBytes({ ...inner, prefix: outer.prefix });
  const base = networkBytes(outer);
  return narrowed.every((b, i) => b === base[i]);
}
