import { type Static, Type } from "typebox";

export const PolicyKind = Type.Union([
  Type.Literal("GlobalNetworkPolicy"),
  Type.Literal("NetworkPolicy"),
  Type.Literal("StagedGlobalNetworkPolicy"),
  Type.Literal("StagedNetworkPolicy"),
  Type.Literal("StagedKubernetesNetworkPolicy"),
  Type.Literal("KubernetesNetworkPolicy"),
]);
export type PolicyKind = Static<typeof PolicyKind>;

/** One row of the policy table, in Calico's evaluation order. */
export const PolicySummary = Type.Object({
  kind: PolicyKind,
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
  tier: Type.String(),
  /** `spec.order`; null when unset (evaluated last in its tier). */
  order: Type.Union([Type.Number(), Type.Null()]),
  selector: Type.String(),
  types: Type.Array(Type.String()),
  preDNAT: Type.Boolean(),
  applyOnForward: Type.Boolean(),
  doNotTrack: Type.Boolean(),
});
export type PolicySummary = Static<typeof PolicySummary>;

export const PolicyList = Type.Object({
  items: Type.Array(PolicySummary),
});
export type PolicyList = Static<typeof PolicyList>;
