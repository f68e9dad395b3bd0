/**
 * Which host endpoint owns an interface (felix/dataplane/linux/endpoint_mgr.go `resolveHostEndpoints`;
 * docs/calico-semantics.md section 4): on the interface's node, a host endpoint whose `interfaceName` is the
 * interface's, or one without an `interfaceName` that expects one of the interface's addresses; a host endpoint that
 * names a different interface never matches by address; among several matches the alphabetically first id wins,
 * whichever way it matched. `interfaceName: "*"` endpoints are resolved apart.
 */
import { sameIp } from "../explain/ip-match";
import { type ParsedIp, parseIp } from "../validate/net";
import type { Endpoint } from "./endpoint";

export interface HostInterface {
  readonly node: string;
  readonly name: string;
  /** Undefined when the interface's addresses are not known (a tunnel address its Node does not record). */
  readonly ips: readonly string[] | undefined;
}

/**
 * The interface's owner, if any, and, while its addresses are not known, the host endpoints without an
 * `interfaceName` sorting before the owner, any of which might own it instead.
 */
export function hostEndpointOwner(
  endpoints: Iterable<Endpoint>,
  iface: HostInterface,
): { readonly owner: Endpoint | undefined; readonly possible: readonly Endpoint[] } {
  const addresses = iface.ips?.flatMap((ip) => parseIp(ip) ?? []);
  const candidates = [...endpoints]
    .filter((ep) => ep.kind === "host" && ep.node === iface.node && ep.interfaceName !== "*")
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const possible: Endpoint[] = [];
  for (const ep of candidates) {
    if (ep.interfaceName !== undefined && ep.interfaceName !== "") {
      if (ep.interfaceName === iface.name) return { owner: ep, possible };
      continue;
    }
    if (addresses === undefined) possible.push(ep);
    else if (expectsAny(ep, addresses)) return { owner: ep, possible };
  }
  return { owner: undefined, possible };
}

/** Whether a host endpoint's expected IPs hold one of the addresses. */
export function expectsAny(ep: Endpoint, addresses: readonly ParsedIp[]): boolean {
  return ep.ips.some((text) => {
    const ip = parseIp(text);
    return ip !== undefined && addresses.some((a) => sameIp(a, ip));
  });
}

/** The `interfaceName: "*"` host endpoints of a node, which apply to all of its interfaces. */
export function allInterfacesHostEndpoints(endpoints: Iterable<Endpoint>, node: string): Endpoint[] {
  return [...endpoints].filter((ep) => ep.kind === "host" && ep.node === node && ep.interfaceName === "*");
}
