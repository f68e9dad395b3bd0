/**
 * Kernel packet log lines as Felix's Log rules make them (iptables `LOG`, nftables `log`: both go through the
 * kernel's nf_log, so the fields are the same), pasted from syslog, `journalctl -k` or `dmesg`:
 *
 *   Dec  7 21:04:11 worker-1 kernel: [ 812.5] calico-packet: IN=eth1 OUT= MAC=... SRC=203.0.113.7 DST=10.0.0.5
 *   LEN=60 ... PROTO=TCP SPT=51234 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0
 *
 * The prefix is everything between the kernel's header and `IN=`: FelixConfiguration forbids `=` in `logPrefix`,
 * so the first `IN=` ends it. See prefix.ts for what the prefix says about the policy.
 */
import { protocolName, protocolNumber } from "../explain/protocol";
import { err, ok, type Result } from "../result";
import { parseIp } from "../validate/net";
import { LOG_PREFIX_LIMIT, type LoggedPolicy, readLogPrefix } from "./prefix";

export interface PacketLogLine {
  /** 1-based line number in the pasted text. */
  readonly line: number;
  /** The syslog header's time and host, when the line has one. */
  readonly time?: string;
  readonly host?: string;
  /** The prefix as logged (Calico's `": "` included when it survived). */
  readonly prefix: string;
  /** The kernel cut the prefix: it is as long as iptables keeps and lost its `": "`. */
  readonly truncated: boolean;
  /** Which dataplane wrote it, where the prefix tells: only nftables keeps more than 29 characters. */
  readonly dataplane: "nftables" | "iptables or nftables";
  /** What the prefix says about the policy, read against the template; undefined when it does not fit it. */
  readonly policy?: LoggedPolicy;
  readonly inInterface: string;
  readonly outInterface: string;
  readonly src: string;
  readonly dst: string;
  readonly ipVersion: 4 | 6;
  /** A name (`TCP`, `UDP`, `ICMP`, ...) when Calico has one, else the number as logged. */
  readonly protocol: string;
  readonly srcPort?: number;
  readonly dstPort?: number;
  readonly icmp?: { readonly type: number; readonly code: number };
  /** TCP flags and other bare words the kernel logged (`SYN`, `ACK`, `DF`). */
  readonly flags: readonly string[];
}

export interface PacketLogError {
  readonly line: number;
  readonly message: string;
}

const PORT = /^\d{1,5}$/;

/** One line; `template` is the cluster's FelixConfiguration `logPrefix` (default `calico-packet`). */
export function parsePacketLogLine(text: string, line: number, template = ""): Result<PacketLogLine, PacketLogError> {
  const fail = (message: string) => err({ line, message });
  const at = text.indexOf("IN=");
  if (at < 0) return fail("no IN= field: not a kernel packet log line (iptables LOG or nftables log)");
  const { time, host, prefix } = header(text.slice(0, at));
  const fields = new Map<string, string>();
  const flags: string[] = [];
  for (const word of text.slice(at).trim().split(/\s+/)) {
    const eq = word.indexOf("=");
    if (eq < 0) flags.push(word);
    else if (!fields.has(word.slice(0, eq))) fields.set(word.slice(0, eq), word.slice(eq + 1));
  }
  for (const key of ["OUT", "SRC", "DST", "PROTO"]) {
    if (!fields.has(key)) return fail(`no ${key}= field: the line is cut short or not a packet log line`);
  }
  const src = fields.get("SRC") ?? "";
  const dst = fields.get("DST") ?? "";
  const srcIp = parseIp(src);
  if (srcIp === undefined) return fail(`SRC=${src} is not an IP address`);
  if (parseIp(dst) === undefined) return fail(`DST=${dst} is not an IP address`);
  const proto = fields.get("PROTO") ?? "";
  const number = protocolNumber(proto);
  if (number === undefined) return fail(`PROTO=${proto} is not a protocol name or number`);
  const ports: { srcPort?: number; dstPort?: number } = {};
  for (const [key, field] of [
    ["SPT", "srcPort"],
    ["DPT", "dstPort"],
  ] as const) {
    const value = fields.get(key);
    if (value === undefined) continue;
    if (!PORT.test(value) || Number(value) > 65535) return fail(`${key}=${value} is not a port`);
    ports[field] = Number(value);
  }
  const type = fields.get("TYPE");
  const code = fields.get("CODE");
  const icmp =
    (number === 1 || number === 58) && type !== undefined && /^\d+$/.test(type)
      ? { type: Number(type), code: code !== undefined && /^\d+$/.test(code) ? Number(code) : 0 }
      : undefined;
  const whole = prefix.endsWith(": ");
  const truncated = !whole && prefix.length >= LOG_PREFIX_LIMIT.iptables;
  const policy = readLogPrefix(prefix, template);
  return ok({
    line,
    ...(time === undefined ? {} : { time }),
    ...(host === undefined ? {} : { host }),
    prefix,
    truncated,
    dataplane: prefix.length > LOG_PREFIX_LIMIT.iptables ? "nftables" : "iptables or nftables",
    ...(policy === undefined ? {} : { policy }),
    inInterface: fields.get("IN") ?? "",
    outInterface: fields.get("OUT") ?? "",
    src,
    dst,
    ipVersion: srcIp.version,
    protocol: protocolName(number),
    ...ports,
    ...(icmp === undefined ? {} : { icmp }),
    flags,
  });
}

/**
 * Every non-blank line of a paste, each parsed on its own: a bad line is an error for that line only. Lines that
 * wrapped (a terminal's paste) are not joined: each must hold a whole record.
 */
export function parsePacketLog(text: string, template = ""): Result<PacketLogLine, PacketLogError>[] {
  return text.split(/\r?\n/).flatMap((raw, i) => (raw.trim() === "" ? [] : [parsePacketLogLine(raw, i + 1, template)]));
}

/**
 * The text before `IN=`: an optional syslog header (`<time> <host> kernel:`), an optional kernel timestamp
 * (`[ 812.5]`, `dmesg -T`'s `[Mon Dec  7 ...]`), then the prefix.
 */
function header(before: string): { time?: string; host?: string; prefix: string } {
  let rest = before;
  let time: string | undefined;
  let host: string | undefined;
  const kernel = rest.indexOf("kernel: ");
  if (kernel >= 0) {
    const words = rest.slice(0, kernel).trim().split(/\s+/);
    host = words.length > 1 ? words.pop() : undefined;
    time = words.join(" ") || undefined;
    rest = rest.slice(kernel + "kernel: ".length);
  }
  const stamp = /^\[([^\]]*)\]\s?/.exec(rest);
  if (stamp !== null) {
    time ??= stamp[1]?.trim();
    rest = rest.slice(stamp[0].length);
  }
  return { ...(time === undefined ? {} : { time }), ...(host === undefined ? {} : { host }), prefix: rest };
}
