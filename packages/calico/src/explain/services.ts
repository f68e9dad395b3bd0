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
  const live = new ServiceSlices();
  slices.forEach((slice, i) => {
    live.upsert(String(i), slice);
  });
  return live.index;
}

/**
 * A `ServiceIndex` kept up to date one EndpointSlice at a time, as a watch delivers them (Felix's serviceindex does
 * the same): a slice's change recomputes only its own Service's members.
 */
export class ServiceSlices {
  /** Each slice's Service and its own members, by the caller's key for the slice. */
  private readonly slices = new Map<string, { readonly service: string; readonly members: ServiceMembers }>();
  /** The keys of each Service's slices. */
  private readonly byService = new Map<string, Set<string>>();
  private readonly merged = new Map<string, ServiceMembers>();

  /** The Services' members; the same map, updated in place. */
  get index(): ServiceIndex {
    return this.merged;
  }

  upsert(key: string, slice: EndpointSliceLike): void {
    const before = this.slices.get(key)?.service;
    const name = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (name === undefined) {
      this.remove(key);
      return;
    }
    const service = serviceKey(slice.metadata.namespace ?? "", name);
    this.slices.set(key, { service, members: sliceMembers(slice) });
    if (before !== undefined && before !== service) this.detach(before, key);
    const keys = this.byService.get(service) ?? new Set<string>();
    keys.add(key);
    this.byService.set(service, keys);
    this.recompute(service);
  }

  remove(key: string): void {
    const service = this.slices.get(key)?.service;
    if (service === undefined) return;
    this.slices.delete(key);
    this.detach(service, key);
  }

  private detach(service: string, key: string): void {
    const keys = this.byService.get(service);
    keys?.delete(key);
    if (keys === undefined || keys.size === 0) {
      this.byService.delete(service);
      this.merged.delete(service);
    } else this.recompute(service);
  }

  private recompute(service: string): void {
    const addresses: ParsedIp[] = [];
    const ipPorts: ServiceIpPort[] = [];
    for (const key of this.byService.get(service) ?? []) {
      const members = this.slices.get(key)?.members;
      if (members === undefined) continue;
      addresses.push(...members.addresses);
      ipPorts.push(...members.ipPorts);
    }
    this.merged.set(service, { addresses, ipPorts });
  }
}

function sliceMembers(slice: EndpointSliceLike): ServiceMembers {
  const addresses: ParsedIp[] = [];
  const ipPorts: ServiceIpPort[] = [];
  for (const ep of slice.endpoints ?? []) {
    // Addresses that are not IPs (FQDN slices) are skipped, as Felix skips them.
    const ips = (ep.addresses ?? []).flatMap((a) => parseIp(a) ?? []);
    addresses.push(...ips);
    for (const p of slice.ports ?? []) {
      // A slice port without a number means "all ports" to Kubernetes, and no members to Felix.
      if (p.port === undefined || p.port === null) continue;
      const port = p.port;
      const protocol = memberProtocol(p.protocol);
      ipPorts.push(...ips.map((ip) => ({ ip, port, protocol })));
    }
  }
  return { addresses, ipPorts };
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
