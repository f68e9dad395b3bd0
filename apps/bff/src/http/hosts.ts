import { isIP } from "node:net";
import { networkInterfaces } from "node:os";

/** The names every Palisade answers to: a page on any other name is a DNS rebinding attempt. */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

/** `*` in the allow-list turns the Host check off (a proxy in front that only forwards its own name). */
export const ANY_HOST = "*";

/**
 * The host names the server accepts in `Host`: loopback names, the address it binds (every interface address when it
 * binds all of them, so kubelet's probes to the pod IP pass), and the operator's `--allowed-host` names.
 */
export function allowedHostNames(bindHost: string, extra: readonly string[]): string[] {
  const bound = isWildcard(bindHost)
    ? Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address))
    : [bindHost];
  return [...new Set([...LOOPBACK_NAMES, ...bound, ...extra].map(normaliseHostName))];
}

function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "";
}

/** Lower case, without IPv6 brackets or a zone; `::ffff:1.2.3.4` is `1.2.3.4`. */
function normaliseHostName(name: string): string {
  const bare = name.trim().toLowerCase().replace(/^\[/, "").replace(/\]$/, "").replace(/%.*$/, "");
  return bare.startsWith("::ffff:") && isIP(bare.slice(7)) === 4 ? bare.slice(7) : bare;
}

/** The host name of a `Host` header value (`name`, `name:port`, `[v6]`, `[v6]:port`); undefined when malformed. */
export function hostNameOf(header: string): string | undefined {
  const m = /^(\[[0-9a-f:.%]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  return m?.[1] === undefined ? undefined : normaliseHostName(m[1]);
}

/** Whether a `Host` header value names one of `allowed` (as built by {@link allowedHostNames}). */
export function hostAllowed(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (allowed.has(ANY_HOST)) return true;
  if (header === undefined) return false;
  const name = hostNameOf(header);
  return name !== undefined && allowed.has(name);
}
