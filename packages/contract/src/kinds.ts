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

/**
 * The kinds Palisade reads and writes. `KubernetesNetworkPolicy` names `networking.k8s.io/v1` NetworkPolicy (as
 * Calico v3.32 does, docs/calico-semantics.md section 3) so that a kind alone is unambiguous in refs and URLs; the
 * objects themselves keep their real apiVersion and kind.
 */
export const ResourceKind = Type.Union([
  ...PolicyKind.anyOf,
  Type.Literal("Tier"),
  Type.Literal("HostEndpoint"),
  Type.Literal("GlobalNetworkSet"),
  Type.Literal("NetworkSet"),
]);
export type ResourceKind = Static<typeof ResourceKind>;
