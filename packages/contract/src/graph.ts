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

export const GraphModel = Type.Object({
  nodes: Type.Array(GraphNode),
  interfaces: Type.Array(GraphInterface),
  pods: Type.Array(GraphPod),
  /** In evaluation order. */
  policies: Type.Array(GraphPolicy),
  edges: Type.Array(GraphEdge),
});
export type GraphModel = Static<typeof GraphModel>;
