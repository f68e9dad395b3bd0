import type { Endpoint } from "@palisade/calico";
import {
  type Direction,
  GRAPH_EXPAND_LIMIT,
  type GraphEdge,
  type GraphGroup,
  type GraphInterface,
  type GraphModel,
  type GraphNode,
  type GraphPod,
  type GraphWorkload,
} from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import type { KubeObject } from "../kube/resources";
import { hostEndpointList } from "./endpoints";
import { perGeneration } from "./memo";
import { policyList } from "./policies";

interface NodeStatus {
  addresses?: { type?: string; address?: string }[];
}

interface OwnerRef {
  kind?: string;
  name?: string;
  controller?: boolean;
}

/** Labels naming an application, in order of preference, for pods without a controller. */
const APP_LABELS = ["app.kubernetes.io/name", "app", "k8s-app", "run"] as const;

/**
 * The workload a pod belongs to: its controller (a ReplicaSet named `<name>-<pod-template-hash>` stands for its
 * Deployment, as `kubectl` shows it), or, without one, its application label. Undefined for a pod on its own.
 */
export function workloadOf(pod: Pick<KubeObject, "metadata">): GraphWorkload | undefined {
  const owners = pod.metadata.ownerReferences as readonly OwnerRef[] | undefined;
  const owner = owners?.find((o) => o.controller === true) ?? owners?.[0];
  const labels = pod.metadata.labels ?? {};
  if (owner?.kind !== undefined && owner.name !== undefined) {
    const hash = labels["pod-template-hash"];
    if (owner.kind === "ReplicaSet" && hash !== undefined && owner.name.endsWith(`-${hash}`))
      return { kind: "Deployment", name: owner.name.slice(0, -hash.length - 1) };
    return { kind: owner.kind, name: owner.name };
  }
  for (const key of APP_LABELS) {
    const app = labels[key];
    if (app !== undefined) return { kind: "app", name: app };
  }
  return undefined;
}

interface Workload {
  readonly workload: GraphWorkload;
  readonly pods: Endpoint[];
}

interface Namespace {
  readonly pods: number;
  /** By `<kind>/<name>`, in natural order. */
  readonly workloads: ReadonlyMap<string, Workload>;
  /** Pods of no workload. */
  readonly loose: readonly Endpoint[];
}

interface PolicyEdge {
  readonly key: string;
  readonly rank: number;
  readonly directions: Direction[];
}

/** What every answer shares, once per generation: nodes, interfaces, pods filed by namespace and workload. */
interface Base {
  readonly nodes: GraphNode[];
  readonly interfaces: GraphInterface[];
  readonly namespaces: ReadonlyMap<string, Namespace>;
  readonly pods: number;
  readonly policyCount: number;
  /** Policies by the canonical form of their selector, to find an endpoint's policies from its matching selectors. */
  readonly bySelector: ReadonlyMap<string, readonly PolicyEdge[]>;
}

const base = perGeneration(computeBase);

/** Namespaces and workloads in natural order: `tenant-2` before `tenant-10`, as a person counts. */
export const compareNames = new Intl.Collator("en", { numeric: true }).compare;

/**
 * Worker nodes with their interfaces (host endpoints), every namespace as a group with its pod count, the workloads
 * of expanded namespaces as groups, the pods listed one by one, and, if `edges`, which policies apply to the
 * interfaces and listed pods. Only what is shown is built: the answer grows with the expanded groups, not with the
 * cluster (see `GraphQuery`).
 */
export function graphModel(cluster: Cluster, expand?: string, edges = false): GraphModel {
  // The default views are memoised, so their bytes are serialised and compressed once per generation (sendView).
  if (expand === undefined) return edges ? defaultGraphWithEdges(cluster) : defaultGraph(cluster);
  return project(cluster, expand, edges);
}

const defaultGraph = perGeneration((cluster: Cluster) => project(cluster, undefined, false));
const defaultGraphWithEdges = perGeneration((cluster: Cluster) => project(cluster, undefined, true));

interface Expansion {
  readonly all: boolean;
  /** Namespaces whose workloads are listed. */
  readonly open: ReadonlySet<string>;
  /** Namespaces whose every pod is listed. */
  readonly full: ReadonlySet<string>;
  /** `<namespace>/<kind>/<name>` of the workloads whose pods are listed. */
  readonly workloads: ReadonlySet<string>;
}

function parseExpand(expand: string | undefined, pods: number): Expansion {
  const all = expand === "*" || (expand === undefined && pods <= GRAPH_EXPAND_LIMIT);
  const open = new Set<string>();
  const full = new Set<string>();
  const workloads = new Set<string>();
  for (const token of all || expand === undefined ? [] : expand.split(",")) {
    const t = token.trim();
    const slash = t.indexOf("/");
    const namespace = slash < 0 ? t : t.slice(0, slash);
    if (namespace === "") continue;
    open.add(namespace);
    if (slash < 0) continue;
    if (t.slice(slash + 1) === "*") full.add(namespace);
    else workloads.add(t);
  }
  return { all, open, full, workloads };
}

function project(cluster: Cluster, expand: string | undefined, withEdges: boolean): GraphModel {
  const b = base(cluster);
  const index = cluster.model.index;
  const want = parseExpand(expand, b.pods);
  const groups: GraphGroup[] = [];
  const listed: Endpoint[] = [];
  for (const [namespace, ns] of b.namespaces) {
    const full = want.all || want.full.has(namespace);
    const open = full || want.open.has(namespace);
    groups.push({ id: `group/${namespace}`, namespace, pods: ns.pods, expanded: open });
    if (!open) continue;
    for (const [key, w] of ns.workloads) {
      const expanded = full || want.workloads.has(`${namespace}/${key}`);
      groups.push({ id: `group/${namespace}/${key}`, namespace, workload: w.workload, pods: w.pods.length, expanded });
      if (expanded) listed.push(...w.pods);
    }
    listed.push(...ns.loose);
  }
  listed.sort((a, c) => (a.id < c.id ? -1 : 1));
  const known = new Set(b.nodes.map((n) => n.name));
  const pods: GraphPod[] = listed.map((e) => ({
    id: e.id,
    name: e.name,
    namespace: e.namespace ?? "",
    ...(e.node !== undefined && known.has(e.node) ? { node: `node/${e.node}` } : {}),
    ips: [...e.ips],
    labels: { ...(cluster.object("Pod", e.namespace, e.name)?.metadata.labels ?? {}) },
  }));
  // At 100k endpoints the interfaces alone have 446,500 edges (broad global policies): only when asked.
  const edges: GraphEdge[] = [];
  if (withEdges)
    for (const e of [...b.interfaces, ...listed]) edges.push(...edgesOf(b, index.matchingSelectors(e.id), e.id));
  return { nodes: b.nodes, interfaces: b.interfaces, pods, groups, policyCount: b.policyCount, edges };
}

/** The policies whose selector is among `selectors`, in evaluation order, as edges to `endpoint`. */
function edgesOf(b: Base, selectors: Iterable<string>, endpoint: string): GraphEdge[] {
  const hits: PolicyEdge[] = [];
  for (const s of selectors) for (const p of b.bySelector.get(s) ?? []) hits.push(p);
  hits.sort((x, y) => x.rank - y.rank);
  return hits.map((p) => ({ policy: p.key, endpoint, directions: p.directions }));
}

function computeBase(cluster: Cluster): Base {
  const index = cluster.model.index;
  const nodes = cluster.objects("Node").map((n) => ({
    id: `node/${n.metadata.name}`,
    name: n.metadata.name,
    addresses: ((n.status as NodeStatus | undefined)?.addresses ?? []).map((a) => ({
      type: a.type ?? "",
      address: a.address ?? "",
    })),
    labels: { ...(n.metadata.labels ?? {}) },
  }));
  const known = new Set(nodes.map((n) => n.name));
  const interfaces = hostEndpointList(cluster).map((h) => ({
    id: h.ref.id,
    name: h.ref.name,
    ...(h.node !== undefined && known.has(h.node) ? { node: `node/${h.node}` } : {}),
    ...(h.interfaceName === undefined ? {} : { interfaceName: h.interfaceName }),
    ips: h.expectedIPs,
    role: h.role,
    labels: h.labels,
  }));

  const policies = policyList(cluster).items;
  const bySelector = new Map<string, PolicyEdge[]>();
  policies.forEach((p, rank) => {
    const compiled = index.policy(p.key);
    if (compiled === undefined) return;
    const directions = (["ingress", "egress"] as const)
      .filter((d) => compiled.directions.has(d))
      .map((d): Direction => (d === "ingress" ? "Ingress" : "Egress"));
    const selector = compiled.selector.toString();
    const list = bySelector.get(selector);
    const edge = { key: p.key, rank, directions };
    if (list === undefined) bySelector.set(selector, [edge]);
    else list.push(edge);
  });

  const filed = new Map<string, { pods: number; workloads: Map<string, Workload>; loose: Endpoint[] }>();
  let pods = 0;
  for (const e of index.endpoints()) {
    if (e.kind !== "workload") continue;
    pods += 1;
    const namespace = e.namespace ?? "";
    let ns = filed.get(namespace);
    if (ns === undefined) {
      ns = { pods: 0, workloads: new Map(), loose: [] };
      filed.set(namespace, ns);
    }
    ns.pods += 1;
    const pod = cluster.object("Pod", e.namespace, e.name);
    const workload = pod === undefined ? undefined : workloadOf(pod);
    if (workload === undefined) {
      ns.loose.push(e);
      continue;
    }
    const key = `${workload.kind}/${workload.name}`;
    const w = ns.workloads.get(key);
    if (w === undefined) ns.workloads.set(key, { workload, pods: [e] });
    else w.pods.push(e);
  }
  const byName = <T>(m: Map<string, T>) => new Map([...m].sort(([a], [b]) => compareNames(a, b)));
  const namespaces = new Map(
    [...byName(filed)].map(([name, ns]) => [name, { pods: ns.pods, workloads: byName(ns.workloads), loose: ns.loose }]),
  );

  return { nodes, interfaces, namespaces, pods, policyCount: policies.length, bySelector };
}
