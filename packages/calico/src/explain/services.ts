/**
 * What a rule's `services` match compares the packet with: the IP sets Felix builds from a Service's EndpointSlices
 * (felix/calc/rule_scanner.go: a destination service is an IP set of endpoint address, port and protocol, a source
 * service one of endpoint addresses only; felix/serviceindex/serviceindex.go `membersFromEndpointSlice` fills them).
 * A slice belongs to the Service its `kubernetes.io/service-name` label names, in its own namespace. Every endpoint
 * counts, ready or not (Felix does not read the conditions). The Service's cluster IP is in neither set: kube-proxy
 * translates it to an endpoint before any policy chain but the host endpoint's untracked and preDNAT ones runs.
 */
import { type ParsedIp, parseIp } from "../validate/net";
import { sameIp } from "./ip-match";
import { protocolNumber } from "./protocol";

/** The label the endpoint-slice controller puts on a Service's slices (discovery.k8s.io/v1 LabelServiceName). */
export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";

/** The fields of a discovery.k8s.io/v1 EndpointSlice that Felix reads. */
export interface EndpointSliceLike {
  readonly metadata: { readonly namespace?: string | undefined; readonly labels?: Readonly<Record<string, string>> };
  readonly endpoints?: readonly { readonly addresses?: readonly string[] | null }[] | null;
  readonly ports?: readonly { readonly port?: number | null; readonly protocol?: string | null }[] | null;
}

export interface ServiceIpPort {
  readonly ip: ParsedIp;
  readonly port: number;
  readonly protocol: number;
}

/** One Service's IP set members: `addresses` for a source match, `ipPorts` for a destination match. */
export interface ServiceMembers {
  readonly addresses: readonly ParsedIp[];
  readonly ipPorts: readonly ServiceIpPort[];
}

/** Members by `namespace/name` of the Service. */
export type ServiceIndex = ReadonlyMap<string, ServiceMembers>;

const TCP = 6;
const UDP = 17;
const SCTP = 132;

export function serviceIndex(slices: readonly EndpointSliceLike[]): ServiceIndex {
  const out = new Map<string, { addresses: ParsedIp[]; ipPorts: ServiceIpPort[] }>();
  for (const slice of slices) {
    const name = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (name === undefined) continue;
    const key = serviceKey(slice.metadata.namespace ?? "", name);
    const members = out.get(key) ?? { addresses: [], ipPorts: [] };
    out.set(key, members);
    for (const ep of slice.endpoints ?? []) {
      // Addresses that are not IPs (FQDN slices) are skipped, as Felix skips them.
      const ips = (ep.addresses ?? []).flatMap((a) => parseIp(a) ?? []);
      members.addresses.push(...ips);
      for (const p of slice.ports ?? []) {
        // A slice port without a number means "all ports" to Kubernetes, and no members to Felix.
        if (p.port === undefined || p.port === null) continue;
        const port = p.port;
        const protocol = memberProtocol(p.protocol);
        members.ipPorts.push(...ips.map((ip) => ({ ip, port, protocol })));
      }
    }
  }
  return out;
}

/** Felix takes UDP and SCTP as named and everything else, or nothing, as TCP. */
function memberProtocol(protocol: string | null | undefined): number {
  const n = protocol === null || protocol === undefined ? undefined : protocolNumber(protocol);
  return n === UDP || n === SCTP ? n : TCP;
}

export function serviceKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function hasAddress(members: ServiceMembers, ip: ParsedIp): boolean {
  return members.addresses.some((a) => sameIp(a, ip));
}

export function hasIpPort(members: ServiceMembers, ip: ParsedIp, port: number, protocol: number): boolean {
  return members.ipPorts.some((m) => m.port === port && m.protocol === protocol && sameIp(m.ip, ip));
}
