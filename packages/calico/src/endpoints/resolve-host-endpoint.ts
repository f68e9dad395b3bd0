/**
 * Which host endpoint owns an interface (felix/dataplane/linux/endpoint_mgr.go `resolveHostEndpoints`;
 * docs/calico-semantics.md section 4): on the interface's node, an exact `interfaceName` match wins; a host endpoint
 * that names a different interface never matches by address; otherwise any `expectedIPs` address on the interface
 * matches, and among several the alphabetically first id wins. `interfaceName: "*"` endpoints are resolved apart.
 */
import type { Endpoint } from "./endpoint";

export interface HostInterface {
  readonly node: string;
  readonly name: string;
  readonly ips: readonly string[];
}

export function resolveHostEndpoint(endpoints: Iterable<Endpoint>, iface: HostInterface): Endpoint | undefined {
  let byName: Endpoint | undefined;
  let byIp: Endpoint | undefined;
  for (const ep of endpoints) {
    if (ep.kind !== "host" || ep.node !== iface.node || ep.interfaceName === "*") continue;
    if (ep.interfaceName !== undefined && ep.interfaceName !== "") {
      if (ep.interfaceName === iface.name && (byName === undefined || ep.id < byName.id)) byName = ep;
      continue;
    }
    if (ep.ips.some((ip) => iface.ips.includes(ip)) && (byIp === undefined || ep.id < byIp.id)) byIp = ep;
  }
  return byName ?? byIp;
}

/** The `interfaceName: "*"` host endpoints of a node, which apply to all of its interfaces. */
export function allInterfacesHostEndpoints(endpoints: Iterable<Endpoint>, node: string): Endpoint[] {
  return [...endpoints].filter((ep) => ep.kind === "host" && ep.node === node && ep.interfaceName === "*");
}
