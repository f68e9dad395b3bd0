/**
 * What a cluster says about an isolation set's parameters: the region its nodes' labels name, the pod subnet its
 * IPPools hold and the workers' private interfaces. Shared by the plan (policy-sets.ts) and the drift check
 * (policy-set-drift.ts).
 */
import { DEFAULT_POD_SUBNET, ISOLATION_REGION_IDS, ISOLATION_REGIONS } from "@palisade/calico";
import type { SourcedValue } from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import type { KubeObject } from "../kube/resources";

/** The pool Calico's installation creates. */
const DEFAULT_IPV4_POOL = "default-ipv4-ippool";
const REGION_LABELS = ["ibm-cloud.kubernetes.io/region", "topology.kubernetes.io/region"];

/** The region the nodes' labels name (IBM's older region names too), with where it was read. */
export function detectRegion(cluster: Cluster): SourcedValue {
  const found = new Map<string, string>();
  for (const node of cluster.objects("Node")) {
    for (const label of REGION_LABELS) {
      const value = node.metadata.labels?.[label];
      if (value !== undefined) {
        found.set(value, `node ${node.metadata.name} label ${label}=${value}`);
        break;
      }
    }
  }
  const ids = [...found.keys()].map(
    (v) => ISOLATION_REGION_IDS.find((id) => id === v || ISOLATION_REGIONS[id].ibmName === v) ?? v,
  );
  const distinct = [...new Set(ids)];
  if (distinct.length === 1 && distinct[0] !== undefined) {
    const [source] = found.values();
    const known = (ISOLATION_REGION_IDS as readonly string[]).includes(distinct[0]);
    return known
      ? { value: distinct[0], source: source ?? "" }
      : { value: null, source: `${source}: not a region IBM's sets cover` };
  }
  if (distinct.length === 0) return { value: null, source: "no node carries a region label; choose the region" };
  return { value: null, source: `the nodes name several regions (${distinct.join(", ")}); choose one` };
}

/** The workers and their private interfaces: Calico node name (the Node's), InternalIP, private host endpoint. */
export function privateWorkers(
  cluster: Cluster,
): { node: string; privateIp: string | null; hostEndpoint: string | null }[] {
  const heps = cluster.objects("HostEndpoint").filter((h) => h.metadata.labels?.["ibm.role"] === "worker_private");
  return cluster
    .objects("Node")
    .map((n) => {
      const addresses = (n.status as { addresses?: { type?: string; address?: string }[] } | undefined)?.addresses;
      const hep = heps.find((h) => (h.spec as { node?: string } | undefined)?.node === n.metadata.name);
      return {
        node: n.metadata.name,
        privateIp: addresses?.find((a) => a.type === "InternalIP")?.address ?? null,
        hostEndpoint: hep?.metadata.name ?? null,
      };
    })
    .sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/**
 * The pod subnet from the cluster's enabled IPv4 IPPools (disabled pools hand out no addresses; IBM's sets are IPv4).
 * With several, Calico's own `default-ipv4-ippool` is taken, else the first by name, and the source says so.
 */
export function detectPodSubnet(pools: readonly KubeObject[]): SourcedValue {
  const enabled = pools
    .flatMap((p) => {
      const spec = p.spec as { cidr?: unknown; disabled?: unknown } | undefined;
      return spec?.disabled !== true && typeof spec?.cidr === "string" && spec.cidr.includes(".")
        ? [{ name: p.metadata.name, cidr: spec.cidr }]
        : [];
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const [first] = enabled;
  if (first === undefined) {
    return { value: DEFAULT_POD_SUBNET, source: "IBM's default pod subnet (the cluster has no enabled IPv4 IPPool)" };
  }
  if (enabled.length === 1) return { value: first.cidr, source: `IPPool ${first.name}` };
  const chosen = enabled.find((p) => p.name === DEFAULT_IPV4_POOL) ?? first;
  const why = chosen.name === DEFAULT_IPV4_POOL ? "Calico's default pool" : "first by name";
  const others = enabled.filter((p) => p !== chosen).map((p) => `${p.name} ${p.cidr}`);
  return {
    value: chosen.cidr,
    source: `IPPool ${chosen.name} (${why}, of ${enabled.length} enabled IPv4 pools; also ${others.join(", ")}: override if pods use those)`,
  };
}
