import type { Direction, GraphEdge, GraphModel, GraphPolicy } from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { hostEndpointList } from "./endpoints";
import { perGeneration } from "./memo";
import { policyList } from "./policies";

interface NodeStatus {
  addresses?: { type?: string; address?: string }[];
}

/** Worker nodes with their interfaces (host endpoints) and pods, the policies in order, and who applies to whom. */
export const graphModel = perGeneration(computeGraph);

function computeGraph(cluster: Cluster): GraphModel {
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
  const pods = [...index.endpoints()]
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
