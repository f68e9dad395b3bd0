import {
  type Direction,
  GRAPH_EXPAND_LIMIT,
  type GraphEdge,
  type GraphGroup,
  type GraphGroupEdge,
  type GraphModel,
  type GraphPod,
  type GraphPolicy,
} from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { hostEndpointList } from "./endpoints";
import { perGeneration } from "./memo";
import { policyList } from "./policies";

interface NodeStatus {
  addresses?: { type?: string; address?: string }[];
}

/** Every pod and edge, once per generation; `graphModel` cuts it down to what is asked for. */
const fullGraph = perGeneration(computeGraph);

/**
 * Worker nodes with their interfaces (host endpoints), the pods of the expanded namespaces, every namespace as a group
 * with its pod count, the policies in order, and who applies to whom (per pod when expanded, counted per group when
 * not). `expand` is a comma-separated list of namespaces or `*`; without it a small cluster is fully expanded and a
 * large one fully collapsed, so the answer stays small at thousands of pods.
 */
export function graphModel(cluster: Cluster, expand?: string): GraphModel {
  // The default view is memoised, so its bytes are serialised and compressed once per generation (sendView).
  return expand === undefined ? defaultGraph(cluster) : project(cluster, expand);
}

const defaultGraph = perGeneration((cluster: Cluster) => project(cluster, undefined));

function project(cluster: Cluster, expand: string | undefined): GraphModel {
  const full = fullGraph(cluster);
  const all = expand === "*" || (expand === undefined && full.pods.length <= GRAPH_EXPAND_LIMIT);
  const wanted = new Set(all || expand === undefined ? [] : expand.split(",").map((n) => n.trim()));
  const isExpanded = (namespace: string) => all || wanted.has(namespace);
  const counts = new Map<string, number>();
  for (const p of full.pods) counts.set(p.namespace, (counts.get(p.namespace) ?? 0) + 1);
  const groups: GraphGroup[] = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([namespace, pods]) => ({ id: groupId(namespace), namespace, pods, expanded: isExpanded(namespace) }));
  const namespaceOf = new Map(full.pods.map((p) => [p.id, p.namespace]));
  const edges: GraphEdge[] = [];
  const grouped = new Map<string, GraphGroupEdge>();
  for (const e of full.edges) {
    const namespace = namespaceOf.get(e.endpoint);
    if (namespace === undefined || isExpanded(namespace)) {
      edges.push(e);
      continue;
    }
    const key = `${e.policy}\u0000${namespace}`;
    const hit = grouped.get(key);
    if (hit !== undefined) hit.endpoints += 1;
    else grouped.set(key, { policy: e.policy, group: groupId(namespace), endpoints: 1, directions: e.directions });
  }
  return {
    nodes: full.nodes,
    interfaces: full.interfaces,
    pods: all ? full.pods : full.pods.filter((p) => isExpanded(p.namespace)),
    groups,
    policies: full.policies,
    edges,
    groupEdges: [...grouped.values()],
  };
}

const groupId = (namespace: string) => `group/${namespace}`;

function computeGraph(cluster: Cluster): Omit<GraphModel, "groups" | "groupEdges"> {
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
  const nodeId = (name: string | undefined) => (name !== undefined && known.has(name) ? { node: `node/${name}` } : {});
  const interfaces = hostEndpointList(cluster).map((h) => ({
    id: h.ref.id,
    name: h.ref.name,
    ...nodeId(h.node),
    ...(h.interfaceName === undefined ? {} : { interfaceName: h.interfaceName }),
    ips: h.expectedIPs,
    role: h.role,
    labels: h.labels,
  }));
  const pods: GraphPod[] = [...index.endpoints()]
    .filter((e) => e.kind === "workload")
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((e) => ({
      id: e.id,
      name: e.name,
      namespace: e.namespace ?? "",
      ...nodeId(e.node),
      ips: [...e.ips],
      labels: { ...(cluster.object("Pod", e.namespace, e.name)?.metadata.labels ?? {}) },
    }));
  const policies: GraphPolicy[] = policyList(cluster).items.map((p) => ({
    key: p.key,
    kind: p.kind,
    name: p.name,
    ...(p.namespace === undefined ? {} : { namespace: p.namespace }),
    tier: p.tier,
    order: p.order,
    stages: p.stages,
    staged: p.staged,
  }));
  const edges: GraphEdge[] = [];
  for (const p of policies) {
    const compiled = index.policy(p.key);
    if (compiled === undefined) continue;
    const directions = (["ingress", "egress"] as const)
      .filter((d) => compiled.directions.has(d))
      .map((d): Direction => (d === "ingress" ? "Ingress" : "Egress"));
    for (const id of [...index.endpointsForPolicy(p.key)].sort())
      edges.push({ policy: p.key, endpoint: id, directions });
  }
  return { nodes, interfaces, pods, policies, edges };
}
