import { type Static, Type } from "typebox";
import { Direction, InterfaceRole, Stage } from "./endpoints";
import { PolicyKind } from "./kinds";
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

export const GraphPolicy = Type.Object({
  /** `PolicySummary.key`. */
  key: Type.String(),
  kind: PolicyKind,
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
  tier: Type.String(),
  order: Type.Union([Type.Number(), Type.Null()]),
  stages: Type.Array(Stage),
  staged: Type.Boolean(),
});
export type GraphPolicy = Static<typeof GraphPolicy>;

/** "policy applies to endpoint" (its selector matches), in the given directions. */
export const GraphEdge = Type.Object({
  policy: Type.String(),
  endpoint: Type.String(),
  directions: Type.Array(Direction),
});
export type GraphEdge = Static<typeof GraphEdge>;

/** The pods of one namespace, drawn as one box with counts until it is expanded. */
export const GraphGroup = Type.Object({
  /** `group/<namespace>`. */
  id: Type.String(),
  namespace: Type.String(),
  pods: Type.Integer({ minimum: 0 }),
  /** Whether its pods are listed in `GraphModel.pods` (and their edges in `edges`). */
  expanded: Type.Boolean(),
});
export type GraphGroup = Static<typeof GraphGroup>;

/** "policy applies to `endpoints` pods of a collapsed group", in the given directions. */
export const GraphGroupEdge = Type.Object({
  policy: Type.String(),
  group: Type.String(),
  endpoints: Type.Integer({ minimum: 1 }),
  directions: Type.Array(Direction),
});
export type GraphGroupEdge = Static<typeof GraphGroupEdge>;

export const GraphQuery = Type.Object({
  /**
   * Namespaces whose pods are listed one by one, comma-separated, or `*` for all. Without it, every namespace is
   * expanded in a small cluster and none in a large one (see `GRAPH_EXPAND_LIMIT`).
   */
  expand: Type.Optional(Type.String({ maxLength: 10_000 })),
});
export type GraphQuery = Static<typeof GraphQuery>;

/** Up to this many pods the graph lists every pod by default; above it, namespaces start collapsed. */
export const GRAPH_EXPAND_LIMIT = 300;

export const GraphModel = Type.Object({
  nodes: Type.Array(GraphNode),
  interfaces: Type.Array(GraphInterface),
  /** The pods of expanded groups only. */
  pods: Type.Array(GraphPod),
  /** Every namespace with pods, by name. */
  groups: Type.Array(GraphGroup),
  /** In evaluation order. */
  policies: Type.Array(GraphPolicy),
  /** To interfaces and to the pods listed in `pods`. */
  edges: Type.Array(GraphEdge),
  /** To collapsed groups, one per policy and group. */
  groupEdges: Type.Array(GraphGroupEdge),
});
export type GraphModel = Static<typeof GraphModel>;
