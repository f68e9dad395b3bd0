import {
  CALICO_TUNNEL_ANNOTATIONS,
  calicoIdentity,
  checkLogPrefix,
  DEFAULT_LOG_PREFIX,
  type Endpoint,
  isTemplated,
  type LoggedPolicy,
  type PacketLogLine,
  parseIp,
  parsePacketLog,
  sameIp,
} from "@palisade/calico";
import type {
  ExplainRequest,
  PacketLogAddress,
  PacketLogEntry,
  PacketLogPolicy,
  PacketLogRequest,
  PacketLogResult,
  PolicyKind,
} from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { HttpError } from "../errors";
import type { KubeObject } from "../kube/resources";
import { explainOn } from "./explain";
import { NodeRecords } from "./node-records";
import { endpointRef } from "./refs";

/** Felix's default `InterfacePrefix`: pods' host-side veths are `cali…`. */
const WORKLOAD_INTERFACE = /^cali/;

/**
 * Lines written by Log rules, each parsed on its own (a bad line is an error for that line), its addresses named
 * with what NAT may hide, the policy its prefix names linked, and the packet explained at the endpoint whose chain
 * logged it.
 */
export function readPacketLog(cluster: Cluster, req: PacketLogRequest): PacketLogResult {
  const template = req.logPrefix?.trim() || DEFAULT_LOG_PREFIX;
  const bad = checkLogPrefix(template);
  if (bad !== undefined) throw new HttpError("BadRequest", bad, [{ path: "logPrefix", message: bad }]);
  const where = addressBook(cluster);
  const entries = parsePacketLog(req.text, template).map((r): PacketLogEntry => {
    if (!r.ok) return { line: r.error.line, ok: false, message: `line ${r.error.line}: ${r.error.message}` };
    return entry(cluster, where, r.value);
  });
  return { entries, logPrefix: template, templated: isTemplated(template) };
}

function entry(cluster: Cluster, where: AddressBook, p: PacketLogLine): PacketLogEntry {
  const source = where.name(p.src);
  const destination = where.name(p.dst);
  const at = loggedAt(p, source.endpoint, destination.endpoint);
  addNatCaveats(p, at, source, destination, where);
  const policy = p.policy === undefined ? undefined : linkPolicy(cluster, p.policy);
  const request = at.endpoint === undefined ? undefined : explainRequest(p, at.endpoint, at.direction);
  const base = {
    line: p.line,
    ok: true as const,
    ...(p.time === undefined ? {} : { time: p.time }),
    ...(p.host === undefined ? {} : { host: p.host }),
    prefix: p.prefix,
    truncated: p.truncated,
    dataplane: p.dataplane,
    inInterface: p.inInterface,
    outInterface: p.outInterface,
    protocol: p.protocol,
    ...(p.srcPort === undefined ? {} : { srcPort: p.srcPort }),
    ...(p.dstPort === undefined ? {} : { dstPort: p.dstPort }),
    source: wire(source),
    destination: wire(destination),
    ...(policy === undefined ? {} : { policy }),
    loggedAt: at.words,
  };
  if (request === undefined) return base;
  try {
    return { ...base, explain: request, verdict: explainOn(cluster, cluster.model, request) };
  } catch (e) {
    // The walk refuses what it cannot place (an address the endpoint does not hold): say so on this line only.
    return { ...base, explain: request, explainError: e instanceof Error ? e.message : String(e) };
  }
}

interface Named {
  readonly ip: string;
  readonly endpoint?: Endpoint;
  readonly names: string[];
  readonly caveats: string[];
  readonly node: boolean;
  readonly service: boolean;
}

function wire(n: Named): PacketLogAddress {
  return {
    ip: n.ip,
    ...(n.endpoint === undefined ? {} : { endpoint: endpointRef(n.endpoint) }),
    names: n.names,
    caveats: n.caveats,
  };
}

interface AddressBook {
  name(ip: string): Named;
}

/** Every address the cluster knows: endpoints (pods, host endpoints), node addresses, Service addresses. */
function addressBook(cluster: Cluster): AddressBook {
  const endpoints = [...cluster.model.index.endpoints()];
  const nodes: { ip: string; words: string }[] = [];
  const records = new NodeRecords(cluster);
  for (const n of cluster.objects("Node")) {
    const status = n.status as { addresses?: readonly { type?: string; address?: string }[] } | undefined;
    for (const a of status?.addresses ?? []) {
      if (a.address !== undefined)
        nodes.push({ ip: a.address, words: `node ${n.metadata.name} (${a.type ?? "address"})` });
    }
    // A node's own (or masqueraded) packet to a pod by a tunnel carries the tunnel device's address.
    for (const [mode, key] of Object.entries(CALICO_TUNNEL_ANNOTATIONS)) {
      const address = records.get(n.metadata.name, key)?.value;
      if (address !== undefined) nodes.push({ ip: address, words: `node ${n.metadata.name} (${mode} tunnel address)` });
    }
  }
  const services = cluster.objects("Service").flatMap((s) => serviceAddresses(s));
  const same = (a: string, b: string) => {
    const x = parseIp(a);
    const y = parseIp(b);
    return x !== undefined && y !== undefined && sameIp(x, y);
  };
  return {
    name(ip) {
      const eps = endpoints.filter((e) => e.ips.some((a) => same(a, ip)));
      // A pod holds its address alone; a host endpoint shares its node's.
      const endpoint = eps.find((e) => e.kind === "workload") ?? eps[0];
      const names = eps.map((e) =>
        e.kind === "workload"
          ? `pod ${e.namespace}/${e.name}${e.node === undefined ? "" : ` on ${e.node}`}`
          : `host endpoint ${e.name}${e.interfaceName === undefined ? "" : ` (${e.interfaceName})`}`,
      );
      const node = nodes.filter((n) => same(n.ip, ip));
      const svc = services.filter((s) => same(s.ip, ip));
      names.push(...node.map((n) => n.words), ...svc.map((s) => s.words));
      if (names.length === 0) names.push("no pod, host endpoint, node or Service of this cluster: outside it");
      return {
        ip,
        ...(endpoint === undefined ? {} : { endpoint }),
        names,
        caveats: [],
        node: node.length > 0 || eps.some((e) => e.kind === "host"),
        service: svc.length > 0,
      };
    },
  };
}

function serviceAddresses(svc: KubeObject): { ip: string; words: string }[] {
  const spec = (svc.spec ?? {}) as { clusterIP?: string; clusterIPs?: string[]; externalIPs?: string[] };
  const status = svc.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined;
  const label = `Service ${svc.metadata.namespace ?? ""}/${svc.metadata.name}`;
  const out: { ip: string; words: string }[] = [];
  for (const ip of new Set([...(spec.clusterIPs ?? []), ...(spec.clusterIP === undefined ? [] : [spec.clusterIP])])) {
    if (ip !== "None") out.push({ ip, words: `${label} ClusterIP` });
  }
  for (const ip of spec.externalIPs ?? []) out.push({ ip, words: `${label} external IP` });
  for (const i of status?.loadBalancer?.ingress ?? []) {
    if (i.ip !== undefined) out.push({ ip: i.ip, words: `${label} load balancer address` });
  }
  return out;
}

interface LoggedAt {
  readonly endpoint?: Endpoint;
  readonly direction: "Ingress" | "Egress";
  readonly words: string;
}

/**
 * Whose chain ran the Log rule, from the interfaces the kernel logged (Felix's `cali` veths for pods): a packet
 * leaving into a pod's veth is that pod's ingress; one coming from a pod's veth is its egress (pod to pod on one
 * node passes both: the source's egress runs first); otherwise a host endpoint's, ingress when it came in on one.
 */
function loggedAt(p: PacketLogLine, src: Endpoint | undefined, dst: Endpoint | undefined): LoggedAt {
  const fromPod = WORKLOAD_INTERFACE.test(p.inInterface);
  const toPod = WORKLOAD_INTERFACE.test(p.outInterface);
  if (fromPod && src?.kind === "workload") {
    return {
      endpoint: src,
      direction: "Egress",
      words: `egress of pod ${src.namespace}/${src.name} (from ${p.inInterface})`,
    };
  }
  if (toPod && dst?.kind === "workload") {
    return {
      endpoint: dst,
      direction: "Ingress",
      words: `ingress of pod ${dst.namespace}/${dst.name} (to ${p.outInterface})`,
    };
  }
  if (p.inInterface !== "" && !fromPod) {
    if (dst?.kind === "host" || p.outInterface === "") {
      const hep = dst?.kind === "host" ? dst : undefined;
      return hep === undefined
        ? {
            direction: "Ingress",
            words: `ingress on ${p.inInterface}: no host endpoint of this cluster holds ${p.dst}`,
          }
        : {
            endpoint: hep,
            direction: "Ingress",
            words: `ingress of host endpoint ${hep.name} (in on ${p.inInterface})`,
          };
    }
    return { direction: "Ingress", words: `forwarded from ${p.inInterface} to ${p.outInterface}` };
  }
  if (p.outInterface !== "" && src?.kind === "host") {
    return {
      endpoint: src,
      direction: "Egress",
      words: `egress of host endpoint ${src.name} (out on ${p.outInterface})`,
    };
  }
  return {
    direction: "Ingress",
    words: `from ${p.inInterface || "the host"} to ${p.outInterface || "the host"}: no endpoint of this cluster`,
  };
}

/**
 * What NAT may have changed before the Log rule saw the packet (docs/calico-semantics.md section 4): kube-proxy
 * DNATs Service addresses to a pod before the filter chains, and masquerades NodePort/LoadBalancer traffic that it
 * sends on to a pod on another node (externalTrafficPolicy Cluster) to the node's address; natOutgoing pools SNAT
 * pods' traffic leaving the cluster after egress policy.
 */
function addNatCaveats(p: PacketLogLine, at: LoggedAt, src: Named, dst: Named, where: AddressBook): void {
  if (at.endpoint?.kind === "workload" && at.direction === "Ingress") {
    if (src.node) {
      src.caveats.push(
        `${p.src} is a node's address: kube-proxy masquerades NodePort and LoadBalancer traffic it forwards from another node (externalTrafficPolicy Cluster), so the real client may be anywhere`,
      );
    }
    if (!WORKLOAD_INTERFACE.test(p.inInterface) && p.inInterface !== "") {
      dst.caveats.push(
        `came in on ${p.inInterface}: if the client addressed a Service (NodePort, load balancer, external IP), kube-proxy translated that address to this pod before policy saw it`,
      );
    }
  }
  if (dst.service) {
    dst.caveats.push(
      `${p.dst} is a Service address: kube-proxy translates it to one of its pods before normal policy, so only preDNAT and untracked policy see it`,
    );
  }
  if (at.endpoint?.kind === "workload" && at.direction === "Egress" && where.name(p.dst).endpoint === undefined) {
    src.caveats.push(
      `leaving the cluster: with an IPPool's natOutgoing the destination sees the node's address, not ${p.src}`,
    );
  }
}

/** The policy the prefix names, found among the cluster's policies when exactly one fits what the prefix says. */
function linkPolicy(cluster: Cluster, logged: LoggedPolicy): PacketLogPolicy | undefined {
  if (logged.name === undefined && logged.kind === undefined && logged.tier === undefined) return undefined;
  const fields = {
    ...(logged.tier === undefined ? {} : { tier: logged.tier }),
    ...(logged.kind === undefined ? {} : { kind: logged.kind }),
    ...(logged.namespace === undefined ? {} : { namespace: logged.namespace }),
    ...(logged.name === undefined ? {} : { name: logged.name }),
    ...(logged.partial === undefined ? {} : { partial: logged.partial }),
  };
  if (logged.kind === "Profile") {
    return {
      ...fields,
      message: `profile ${logged.name ?? ""}: a namespace's or service account's rules, not a policy`,
    };
  }
  // Felix logs the kind and name it keys the policy by (a ClusterNetworkPolicy as KubernetesClusterNetworkPolicy).
  const fits = [...cluster.model.index.policyList()].filter((c) => {
    const felix = calicoIdentity(c.kind, c.name);
    const agrees = (field: LoggedPolicy["partial"], said: string | undefined, ...values: string[]) =>
      said === undefined || values.some((v) => v === said || (logged.partial === field && v.startsWith(said)));
    return (
      agrees("kind", logged.kind, c.kind, felix.kind) &&
      agrees("tier", logged.tier, c.tier) &&
      agrees("namespace", logged.namespace, c.namespace) &&
      agrees("name", logged.name, c.name, felix.name)
    );
  });
  const said = [
    logged.kind,
    logged.tier === undefined ? undefined : `tier ${logged.tier}`,
    logged.namespace,
    logged.name,
  ]
    .filter((w) => w !== undefined)
    .join(" ");
  const cut = logged.partial === undefined ? "" : ` (the kernel cut the prefix inside the ${logged.partial})`;
  const only = fits.length === 1 ? fits[0] : undefined;
  if (only === undefined) {
    return {
      ...fields,
      message:
        fits.length === 0
          ? `the prefix names ${said}${cut}; no policy of this cluster fits (deleted since, or another cluster's line?)`
          : `the prefix names ${said}${cut}; ${fits.length} policies fit: ${fits.map((f) => f.key).join(", ")}`,
    };
  }
  return {
    ...fields,
    ref: {
      kind: only.kind as PolicyKind,
      name: only.name,
      ...(only.namespace === "" ? {} : { namespace: only.namespace }),
    },
    message: `${only.kind} ${only.namespace === "" ? "" : `${only.namespace}/`}${only.name} in tier ${only.tier}${cut}`,
  };
}

function explainRequest(p: PacketLogLine, endpoint: Endpoint, direction: "Ingress" | "Egress"): ExplainRequest {
  const peer = direction === "Ingress" ? p.src : p.dst;
  const local = direction === "Ingress" ? p.dst : p.src;
  return {
    endpoint: endpoint.id,
    direction,
    peer: { ip: peer },
    protocol: p.protocol,
    ...(p.dstPort === undefined ? {} : { port: p.dstPort }),
    ...(p.srcPort === undefined ? {} : { sourcePort: p.srcPort }),
    ...(p.icmp === undefined ? {} : { icmp: p.icmp }),
    ...(endpoint.kind === "host" ? { localIp: local, forwarded: p.inInterface !== "" && p.outInterface !== "" } : {}),
  };
}
