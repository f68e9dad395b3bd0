import { type Static, Type } from "typebox";
import { Direction, InterfaceRole } from "./endpoints";
import { Labels } from "./resources";

/** A worker node. */
export const GraphNode = Type.Object({
  id: Type.String(),
  name: Type.String(),
  addresses: Type.Array(Type.Object({ type: Type.String(), address: Type.String() })),
  labels: Labels,
});
export type GraphNode = Static<typeof GraphNode>;

/** A host endpoint, drawn as an interface of its node (`node` is a `GraphNode.id`, absent if the node is unknown). */
export const GraphInterface = Type.Object({
  /** The endpoint id (`hep/<name>`). */
  id: Type.String(),
  name: Type.String(),
  node: Type.Optional(Type.String()),
  interfaceName: Type.Optional(Type.String()),
  ips: Type.Array(Type.String()),
  role: InterfaceRole,
  labels: Labels,
});
export type GraphInterface = Static<typeof GraphInterface>;

export const GraphPod = Type.Object({
  /** The endpoint id (`wep/<namespace>/<pod>`). */
  id: Type.String(),
  name: Type.String(),
  namespace: Type.String(),
  node: Type.Optional(Type.String()),
  ips: Type.Array(Type.String()),
  labels: Labels,
});
export type GraphPod = Static<typeof GraphPod>;

/** "policy applies to endpoint" (its selector matches), in the given directions. */
export const GraphEdge = Type.Object({
  policy: Type.String(),
  endpoint: Type.String(),
  directions: Type.Array(Direction),
});
export type GraphEdge = Static<typeof GraphEdge>;

/** A namespace's pods made by one controller (ownerReferences, a Deployment through its ReplicaSet) or, without one,
 * sharing an `app` label. */
export const GraphWorkload = Type.Object({
  /** `Deployment`, `StatefulSet`, `DaemonSet`, `Job`, another owner's kind, or `app` for the label. */
  kind: Type.String(),
  name: Type.String(),
});
export type GraphWorkload = Static<typeof GraphWorkload>;

/**
 * The pods of one namespace, or of one workload in an expanded namespace, drawn as one cell with their count until
 * expanded.
 */
export const GraphGroup = Type.Object({
  /** `group/<namespace>` or `group/<namespace>/<kind>/<name>`. */
  id: Type.String(),
  namespace: Type.String(),
  /** Absent for a namespace's group. */
  workload: Type.Optional(GraphWorkload),
  pods: Type.Integer({ minimum: 0 }),
  /** A namespace: whether its workloads are listed; a workload: whether its pods are (in `GraphModel.pods`). */
  expanded: Type.Boolean(),
});
export type GraphGroup = Static<typeof GraphGroup>;

export const GraphQuery = Type.Object({
  /**
   * What is listed, comma-separated: `<namespace>` lists its workloads as groups (and its pods that belong to none),
   * `<namespace>/<kind>/<name>` a workload's pods, `<namespace>/*` every pod of the namespace, and `*` every pod.
   * Without it, every pod is listed in a small cluster and nothing is expanded in a large one (see
   * `GRAPH_EXPAND_LIMIT`).
   */
  expand: Type.Optional(Type.String({ maxLength: 10_000 })),
  /** Also list which policies apply to the interfaces and listed pods (`GraphModel.edges`); the picture needs none. */
  edges: Type.Optional(Type.Boolean()),
});
export type GraphQuery = Static<typeof GraphQuery>;

/** Up to this many pods the graph lists every pod by default; above it, namespaces start collapsed. */
export const GRAPH_EXPAND_LIMIT = 300;

export const GraphModel = Type.Object({
  nodes: Type.Array(GraphNode),
  interfaces: Type.Array(GraphInterface),
  /** The pods listed one by one (expanded workloads and namespaces) only. */
  pods: Type.Array(GraphPod),
  /** Every namespace with pods, by name (natural order), each followed by its workloads when it is expanded. */
  groups: Type.Array(GraphGroup),
  /** How many policies the cluster has (the graph lists none: the policy list has them). */
  policyCount: Type.Integer({ minimum: 0 }),
  /**
   * Only when asked (`GraphQuery.edges`), else empty: to interfaces and to the pods listed in `pods`, per endpoint, in
   * policy evaluation order.
   */
  edges: Type.Array(GraphEdge),
});
export type GraphModel = Static<typeof GraphModel>;
