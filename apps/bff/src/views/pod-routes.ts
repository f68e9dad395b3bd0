import {
  CALICO_NODE_ADDRESS_ANNOTATION,
  CALICO_NODE_ADDRESS_V6_ANNOTATION,
  CALICO_TUNNEL_ANNOTATIONS,
  type CalicoNodeAnnotation,
  type FabricInterface,
  type FabricLeg,
  type FabricRoute,
  formatIp,
  ipInNets,
  parseCidr,
  parseIp,
} from "@palisade/calico";
import type { Cluster } from "../clusters/cluster";
import type { KubeObject } from "../kube/resources";
import { type NodeRecord, NodeRecords } from "./node-records";

type EncapMode = "Always" | "CrossSubnet" | "Never";
type Encap = "IPIP" | "VXLAN";
type Family = 4 | 6;
/** A node's tunnel devices, by encapsulation and address family. */
type TunnelKind = keyof typeof CALICO_TUNNEL_ANNOTATIONS;

/**
 * Calico's tunnel devices (felix/dataplane/linux/dataplanedefs: IPIPIfaceName, VXLANIfaceNameV4, VXLANIfaceNameV6).
 * IPv6 has no IPIP (libcalico-go's validator rejects ipipMode on an IPv6 pool), so an IPv6 route encapsulates only by
 * VXLAN.
 */
const DEVICE: Readonly<Record<TunnelKind, string>> = {
  IPIP: "tunl0",
  VXLAN: "vxlan.calico",
  "IPv6 VXLAN": "vxlan-v6.calico",
};
const FIELD: Readonly<Record<Encap, string>> = { IPIP: "ipipMode", VXLAN: "vxlanMode" };
const ADDRESS: Readonly<Record<Family, CalicoNodeAnnotation>> = {
  4: CALICO_NODE_ADDRESS_ANNOTATION,
  6: CALICO_NODE_ADDRESS_V6_ANNOTATION,
};

/** A node's tunnel device for one encapsulation, with its address and where it was read, when recorded. */
export interface Tunnel {
  readonly mode: TunnelKind;
  readonly device: string;
  readonly address: string | undefined;
  /** Set only where the node's Calico Node gave the address (its Node's annotation is the default): which field. */
  readonly source?: string;
}

/**
 * How a node's route to a pod's address on another node leaves it: by the node's own interface (`direct`), by a
 * tunnel device, or `unknown` (then `tunnels` are the devices it might take besides the node's own interface).
 * `why` says which IPPool setting, and for CrossSubnet which subnets, decided it.
 */
export type PodRoute =
  | { readonly kind: "direct"; readonly why: string }
  | { readonly kind: "tunnel"; readonly tunnel: Tunnel; readonly why: string }
  | { readonly kind: "unknown"; readonly tunnels: readonly Tunnel[]; readonly why: string };

interface Pool {
  readonly name: string;
  readonly cidr: string;
  readonly modes: Readonly<Record<Encap, EncapMode>>;
}

/**
 * Calico's routes between nodes, as far as the cached objects tell them (docs/calico-semantics.md "Routes between
 * nodes"). Felix programs a route to each remote IPAM block by the IPPool holding it (felix/calc/l3_route_resolver.go):
 * ipipMode or vxlanMode Always, by the tunnel device; CrossSubnet, by the tunnel device unless the remote node's
 * address is inside the local node's subnet (`nodeInOurSubnet`: the local Calico Node's spec.bgp.ipv4Address, a CIDR,
 * which Calico keeps as the Kubernetes Node's `projectcalico.org/IPv4Address` annotation; the remote node's address is
 * that annotation's, else its InternalIP); Never, by the node's own interface. Traffic to a node's own address is never
 * encapsulated. Addresses are read from the Node's annotations, else its Calico Node (`NodeRecords`). Built once per
 * explain (or per connectivity diff), read per leg.
 */
export class PodRoutes {
  readonly records: NodeRecords;
  /** Undefined when Palisade cannot read IPPools on this cluster. */
  private readonly pools: readonly Pool[] | undefined;
  private readonly memo = new Map<string, FabricRoute | undefined>();
  private readonly names: readonly string[];
  private peerClasses: ReadonlyMap<string, string> | undefined;
  /** Asked for every pod's address by the connectivity diff, in each phase. */
  private readonly routeClasses = new Map<string, string>();

  constructor(cluster: Pick<Cluster, "objects" | "servedType">) {
    this.records = new NodeRecords(cluster);
    this.names = cluster.objects("Node").map((n) => n.metadata.name);
    this.pools = cluster.servedType("IPPool") === undefined ? undefined : cluster.objects("IPPool").flatMap(asPool);
  }

  /** The node's InternalIP (the next hop of Calico's unencapsulated routes to it); of one family when given. */
  internalIp(node: string, family?: Family): string | undefined {
    const status = this.records.node(node)?.status as { addresses?: readonly { type?: string; address?: string }[] };
    return status?.addresses?.find(
      (a) =>
        a.type === "InternalIP" &&
        a.address !== undefined &&
        (family === undefined || parseIp(a.address)?.version === family),
    )?.address;
  }

  /**
   * What `route` and `fabric` take from a pod's address: its family and the IPPool holding it (the connectivity diff
   * groups pods by it, `ExplainOptions.routeClass`).
   */
  routeClass(podIp: string): string {
    let out = this.routeClasses.get(podIp);
    if (out === undefined) {
      const ip = parseIp(podIp);
      const pool = ip === undefined ? undefined : this.pools?.find((p) => ipInNets([p.cidr], ip));
      out = ip === undefined ? podIp : `${ip.version}/${pool?.name ?? ""}`;
      this.routeClasses.set(podIp, out);
    }
    return out;
  }

  /**
   * What `route` and `fabric` take from a leg's other node (`ExplainOptions.peerClass`): per family, its subnet's
   * network, which nodes' subnets hold its address (or that it has none), and which tunnel addresses it records.
   * Nodes of one subnet with their addresses recorded alike share one; the connectivity diff groups nodes by it.
   */
  peerClass(node: string): string {
    if (this.peerClasses === undefined) {
      const subnet = (n: string, family: Family) => this.records.get(n, ADDRESS[family])?.value;
      const networks = ([4, 6] as const).map((family) => {
        const all = new Set<string>();
        for (const n of this.names) {
          const s = subnet(n, family);
          if (s !== undefined) all.add(network(s));
        }
        return [...all].sort();
      });
      const classes = new Map<string, string>();
      for (const n of this.names) {
        const families = ([4, 6] as const).map((family, i) => {
          const s = subnet(n, family);
          const address = this.nodeAddress(n, family)?.value;
          const ip = address === undefined ? undefined : parseIp(address);
          const within = ip === undefined ? "?" : (networks[i] ?? []).filter((net) => ipInNets([net], ip)).join(",");
          return `${s === undefined ? "" : network(s)}<${within}`;
        });
        const tunnels = (Object.keys(DEVICE) as TunnelKind[]).map((k) =>
          this.nodeTunnel(n, k).address === undefined ? 0 : 1,
        );
        classes.set(n, `${families.join("|")}|${tunnels.join("")}`);
      }
      this.peerClasses = classes;
    }
    return this.peerClasses.get(node) ?? `unknown ${node}`;
  }

  /** The route `from` takes to the pod address `podIp` on node `to`. */
  route(from: string, to: string, podIp: string): PodRoute {
    const ip = parseIp(podIp);
    const family: Family = ip?.version === 6 ? 6 : 4;
    const modes: readonly Encap[] = family === 6 ? ["VXLAN"] : ["IPIP", "VXLAN"];
    const tunnels = (of: readonly Encap[]): Tunnel[] => of.map((mode) => this.tunnel(from, mode, family));
    if (this.pools === undefined) {
      const recorded = tunnels(modes).filter((t) => t.address !== undefined);
      if (recorded.length === 0) {
        return { kind: "direct", why: `node ${from} has no IPIP or VXLAN tunnel address, so no route is encapsulated` };
      }
      return {
        kind: "unknown",
        tunnels: recorded,
        why: `whether the route to ${podIp} is encapsulated depends on the IPPool's ipipMode and vxlanMode, which Palisade cannot read here`,
      };
    }
    const pool = ip === undefined ? undefined : this.pools.find((p) => ipInNets([p.cidr], ip));
    if (pool === undefined) {
      return {
        kind: "unknown",
        tunnels: tunnels(modes),
        why: `no enabled IPPool holds the pod's address ${podIp}, so whether the route to it is encapsulated is not known`,
      };
    }
    if (family === 6 && pool.modes.IPIP !== "Never" && pool.modes.VXLAN === "Never") {
      return {
        kind: "unknown",
        tunnels: [],
        why: `IPPool ${pool.name} ipipMode ${pool.modes.IPIP} on an IPv6 pool, which Calico's validator rejects (IPIP is IPv4 only), so how Felix routes it is not known`,
      };
    }
    const encap = modes.find((mode) => pool.modes[mode] !== "Never");
    if (encap === undefined) {
      const none = family === 6 ? "vxlanMode Never" : "ipipMode and vxlanMode Never";
      return { kind: "direct", why: `IPPool ${pool.name} encapsulates nothing (${none})` };
    }
    const setting = `IPPool ${pool.name} ${FIELD[encap]} ${pool.modes[encap]}`;
    const tunnel = this.tunnel(from, encap, family);
    if (pool.modes[encap] === "Always") return { kind: "tunnel", tunnel, why: setting };
    const subnet = this.records.get(from, ADDRESS[family]);
    const remote = this.nodeAddress(to, family);
    if (subnet === undefined || remote === undefined) {
      const missing =
        subnet === undefined
          ? `node ${from}'s own subnet (its Calico Node's spec.bgp.ipv${family}Address, the ${ADDRESS[family]} annotation on its Node)`
          : `node ${to}'s address`;
      return {
        kind: "unknown",
        tunnels: [tunnel],
        why: `${setting} encapsulates only between subnets, and ${missing} is not recorded`,
      };
    }
    const remoteIp = parseIp(remote.value);
    const where = `node ${to} (${remote.value}${fromCalico(remote)})`;
    const ours = `node ${from}'s subnet ${subnet.value}${fromCalico(subnet)}`;
    if (remoteIp !== undefined && ipInNets([subnet.value], remoteIp)) {
      return { kind: "direct", why: `${setting}, and ${where} is in ${ours}` };
    }
    return { kind: "tunnel", tunnel, why: `${setting}, and ${where} is outside ${ours}` };
  }

  /**
   * The interface a packet between two nodes crosses at `leg.node` (`ExplainOptions.fabric`): toward a pod, the
   * route's (its sender's route decides, and the packet arrives on the same kind of device); toward a node's own
   * address, the node's own interface. That interface is known by its InternalIP, a tunnel device by its name.
   * Undefined when the other node is not known.
   */
  fabric(leg: FabricLeg): FabricRoute | undefined {
    if (leg.peerNode === undefined) return undefined;
    const key = `${leg.node}|${leg.direction}|${leg.peerNode}|${leg.podIp ?? ""}`;
    if (this.memo.has(key)) return this.memo.get(key);
    const answer = this.fabricRoute(leg.node, leg.direction, leg.peerNode, leg.podIp);
    this.memo.set(key, answer);
    return answer;
  }

  private fabricRoute(
    node: string,
    direction: FabricLeg["direction"],
    peer: string,
    podIp: string | undefined,
  ): FabricRoute | undefined {
    const family = podIp === undefined ? undefined : parseIp(podIp)?.version;
    const internal = this.internalIp(node, family);
    const own = (why: string): FabricInterface | undefined =>
      internal === undefined
        ? undefined
        : { ips: [internal], via: `its interface holding its InternalIP ${internal} (${why})` };
    if (podIp === undefined) {
      const iface = own("traffic to a node's own address is not encapsulated");
      return iface === undefined ? undefined : { interface: iface };
    }
    const [from, to] = direction === "egress" ? [node, peer] : [peer, node];
    const route = this.route(from, to, podIp);
    // The device at this end is this node's, with this node's own tunnel address.
    const device = (t: Tunnel, why: string): FabricInterface => {
      const mine = this.nodeTunnel(node, t.mode);
      const address =
        mine.address === undefined
          ? `, whose address (node ${node}'s ${t.mode} tunnel address) ${this.records.unrecorded}`
          : `, address ${mine.address}${mine.source === undefined ? "" : ` from ${mine.source}`}`;
      return {
        tunnel: true,
        name: mine.device,
        ...(mine.address === undefined ? {} : { ips: [mine.address] }),
        via: `${mine.device}${address} (${why})`,
      };
    };
    if (route.kind === "direct") {
      const iface = own(route.why);
      return iface === undefined ? undefined : { interface: iface };
    }
    if (route.kind === "tunnel") return { interface: device(route.tunnel, route.why) };
    const direct = own(route.why);
    const interfaces = [...(direct === undefined ? [] : [direct]), ...route.tunnels.map((t) => device(t, route.why))];
    const devices = [internal === undefined ? undefined : "its own interface", ...route.tunnels.map((t) => t.device)];
    return {
      unknown: `which interface the packet ${direction === "egress" ? "leaves" : "arrives on"} node ${node} by is not known (${devices.filter((d) => d !== undefined).join(" or ")}): ${route.why}`,
      interfaces,
    };
  }

  private tunnel(node: string, mode: Encap, family: Family): Tunnel {
    return this.nodeTunnel(node, family === 6 ? "IPv6 VXLAN" : mode);
  }

  private nodeTunnel(node: string, kind: TunnelKind): Tunnel {
    const recorded = this.records.get(node, CALICO_TUNNEL_ANNOTATIONS[kind]);
    const tunnel = { mode: kind, device: DEVICE[kind], address: recorded?.value };
    return recorded?.fromCalicoNode === true ? { ...tunnel, source: recorded.source } : tunnel;
  }

  /** A node's address as Felix's route resolver takes it: its BGP address, else its InternalIP, of one family. */
  private nodeAddress(node: string, family: Family): NodeRecord | undefined {
    const bgp = this.records.get(node, ADDRESS[family]);
    if (bgp !== undefined) return { ...bgp, value: bgp.value.split("/")[0] ?? bgp.value };
    const internal = this.internalIp(node, family);
    return internal === undefined ? undefined : { value: internal, source: "its InternalIP", fromCalicoNode: false };
  }
}

/** A subnet's network (`10.0.0.5/24` -> `10.0.0.0/24`), the text itself when it is no CIDR. */
function network(subnet: string): string {
  const cidr = parseCidr(subnet);
  if (cidr === undefined) return subnet;
  const bytes = cidr.ip.bytes.map((b, i) => {
    const kept = Math.min(8, Math.max(0, cidr.prefix - i * 8));
    return b & (0xff << (8 - kept)) & 0xff;
  });
  return `${formatIp(bytes)}/${cidr.prefix}`;
}

/** ` (from its Calico Node's spec…)` where the Calico Node gave an address; the Node's annotation is the default. */
function fromCalico(record: NodeRecord): string {
  return record.fromCalicoNode ? ` from ${record.source}` : "";
}

/** An enabled pool with its encapsulation (the v1 `ipip` field where `ipipMode` is unset); none for a disabled one. */
function asPool(p: KubeObject): Pool[] {
  const spec = (p.spec ?? {}) as {
    cidr?: string;
    disabled?: boolean;
    ipipMode?: string;
    vxlanMode?: string;
    ipip?: { enabled?: boolean; mode?: string };
  };
  if (spec.disabled === true || spec.cidr === undefined) return [];
  const mode = (v: unknown): EncapMode => (v === "Always" || v === "CrossSubnet" ? v : "Never");
  const legacy = spec.ipip?.enabled === true ? (spec.ipip.mode === "cross-subnet" ? "CrossSubnet" : "Always") : "Never";
  return [
    {
      name: p.metadata.name,
      cidr: spec.cidr,
      modes: { IPIP: mode(spec.ipipMode ?? legacy), VXLAN: mode(spec.vxlanMode) },
    },
  ];
}
