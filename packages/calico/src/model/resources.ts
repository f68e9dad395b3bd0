/** Whole resources: apiVersion, kind, metadata and spec (and status for Tier). One schema per modelled kind. */
import { type Static, type TSchema, Type } from "typebox";
import {
  AdminNetworkPolicySpec,
  BaselineAdminNetworkPolicySpec,
  ClusterNetworkPolicySpec,
} from "./admin-network-policy";
import { HostEndpointSpec } from "./host-endpoint";
import {
  ADMIN_POLICY_API_VERSION,
  CALICO_API_VERSION,
  CLUSTER_NETWORK_POLICY_API_VERSION,
  K8S_NETWORKING_API_VERSION,
  type ResourceKind,
} from "./kinds";
import { K8sNetworkPolicySpec, StagedKubernetesNetworkPolicySpec } from "./kubernetes-network-policy";
import { ObjectMeta } from "./metadata";
import { GlobalNetworkSetSpec, NetworkSetSpec } from "./network-set";
import {
  GlobalNetworkPolicySpec,
  NetworkPolicySpec,
  StagedGlobalNetworkPolicySpec,
  StagedNetworkPolicySpec,
} from "./policy";
import { TierSpec, TierStatus } from "./tier";

function calicoResource<K extends string, S extends TSchema>(kind: K, spec: S) {
  return Type.Object({
    apiVersion: Type.Literal(CALICO_API_VERSION),
    kind: Type.Literal(kind),
    metadata: ObjectMeta,
    spec,
  });
}

export const GlobalNetworkPolicy = calicoResource("GlobalNetworkPolicy", GlobalNetworkPolicySpec);
export type GlobalNetworkPolicy = Static<typeof GlobalNetworkPolicy>;
export const NetworkPolicy = calicoResource("NetworkPolicy", NetworkPolicySpec);
export type NetworkPolicy = Static<typeof NetworkPolicy>;
export const StagedGlobalNetworkPolicy = calicoResource("StagedGlobalNetworkPolicy", StagedGlobalNetworkPolicySpec);
export type StagedGlobalNetworkPolicy = Static<typeof StagedGlobalNetworkPolicy>;
export const StagedNetworkPolicy = calicoResource("StagedNetworkPolicy", StagedNetworkPolicySpec);
export type StagedNetworkPolicy = Static<typeof StagedNetworkPolicy>;
export const StagedKubernetesNetworkPolicy = calicoResource(
  "StagedKubernetesNetworkPolicy",
  StagedKubernetesNetworkPolicySpec,
);
export type StagedKubernetesNetworkPolicy = Static<typeof StagedKubernetesNetworkPolicy>;
export const HostEndpoint = calicoResource("HostEndpoint", HostEndpointSpec);
export type HostEndpoint = Static<typeof HostEndpoint>;
export const GlobalNetworkSet = calicoResource("GlobalNetworkSet", GlobalNetworkSetSpec);
export type GlobalNetworkSet = Static<typeof GlobalNetworkSet>;
export const NetworkSet = calicoResource("NetworkSet", NetworkSetSpec);
export type NetworkSet = Static<typeof NetworkSet>;
export const Tier = Type.Object({
  apiVersion: Type.Literal(CALICO_API_VERSION),
  kind: Type.Literal("Tier"),
  metadata: ObjectMeta,
  spec: TierSpec,
  status: Type.Optional(TierStatus),
});
export type Tier = Static<typeof Tier>;

/** `networking.k8s.io/v1` NetworkPolicy (ResourceKind `KubernetesNetworkPolicy`). */
export const KubernetesNetworkPolicy = Type.Object({
  apiVersion: Type.Literal(K8S_NETWORKING_API_VERSION),
  kind: Type.Literal("NetworkPolicy"),
  metadata: ObjectMeta,
  spec: Type.Optional(K8sNetworkPolicySpec),
});
export type KubernetesNetworkPolicy = Static<typeof KubernetesNetworkPolicy>;

function adminResource<K extends string, S extends TSchema>(apiVersion: string, kind: K, spec: S) {
  return Type.Object({ apiVersion: Type.Literal(apiVersion), kind: Type.Literal(kind), metadata: ObjectMeta, spec });
}

/** `policy.networking.k8s.io/v1alpha1` AdminNetworkPolicy (Calico v3.29 to v3.31). */
export const AdminNetworkPolicy = adminResource(ADMIN_POLICY_API_VERSION, "AdminNetworkPolicy", AdminNetworkPolicySpec);
export type AdminNetworkPolicy = Static<typeof AdminNetworkPolicy>;
/** `policy.networking.k8s.io/v1alpha1` BaselineAdminNetworkPolicy: one per cluster, named `default`. */
export const BaselineAdminNetworkPolicy = adminResource(
  ADMIN_POLICY_API_VERSION,
  "BaselineAdminNetworkPolicy",
  BaselineAdminNetworkPolicySpec,
);
export type BaselineAdminNetworkPolicy = Static<typeof BaselineAdminNetworkPolicy>;
/** `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy (Calico v3.32). */
export const ClusterNetworkPolicy = adminResource(
  CLUSTER_NETWORK_POLICY_API_VERSION,
  "ClusterNetworkPolicy",
  ClusterNetworkPolicySpec,
);
export type ClusterNetworkPolicy = Static<typeof ClusterNetworkPolicy>;

/** Any Calico policy kind that carries Calico rules. */
export type CalicoPolicy = GlobalNetworkPolicy | NetworkPolicy | StagedGlobalNetworkPolicy | StagedNetworkPolicy;

/** Any modelled resource. */
export type CalicoResource =
  | CalicoPolicy
  | StagedKubernetesNetworkPolicy
  | HostEndpoint
  | GlobalNetworkSet
  | NetworkSet
  | Tier
  | KubernetesNetworkPolicy
  | AdminNetworkPolicy
  | BaselineAdminNetworkPolicy
  | ClusterNetworkPolicy;

export const RESOURCE_SCHEMAS: Readonly<Record<ResourceKind, TSchema>> = {
  GlobalNetworkPolicy,
  NetworkPolicy,
  StagedGlobalNetworkPolicy,
  StagedNetworkPolicy,
  StagedKubernetesNetworkPolicy,
  HostEndpoint,
  GlobalNetworkSet,
  NetworkSet,
  Tier,
  KubernetesNetworkPolicy,
  AdminNetworkPolicy,
  BaselineAdminNetworkPolicy,
  ClusterNetworkPolicy,
};
