export { type CrdVersion, type CustomResourceDefinition, calicoV1Crds, calicoV3Crds } from "./crd";
export { EndpointPort, HostEndpointSpec } from "./host-endpoint";
export { anyResourceJsonSchema, type JsonSchema, resourceJsonSchema } from "./json-schema";
export {
  CALICO_API_VERSION,
  CALICO_GROUP,
  type CalicoKind,
  isNamespacedKind,
  isPolicyKind,
  isResourceKind,
  isStagedKind,
  K8S_NETWORKING_API_VERSION,
  KINDS,
  type KindInfo,
  kindInfo,
  POLICY_KINDS,
  type PolicyKind,
  type PolicyTraits,
  RESOURCE_KINDS,
  type ResourceKind,
  resourceKindOf,
  TIERED_POLICY_KINDS,
} from "./kinds";
export {
  IPBlock,
  K8sEgressRule,
  K8sIngressRule,
  K8sNetworkPolicySpec,
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  StagedKubernetesNetworkPolicySpec,
} from "./kubernetes-network-policy";
export { ObjectMeta, OwnerReference } from "./metadata";
export { GlobalNetworkSetSpec, NetworkSetSpec } from "./network-set";
export {
  GlobalNetworkPolicySpec,
  NetworkPolicySpec,
  POLICY_TYPES,
  type PolicyType,
  STAGED_ACTIONS,
  type StagedAction,
  StagedGlobalNetworkPolicySpec,
  StagedNetworkPolicySpec,
} from "./policy";
export {
  type CalicoPolicy,
  type CalicoResource,
  GlobalNetworkPolicy,
  GlobalNetworkSet,
  HostEndpoint,
  KubernetesNetworkPolicy,
  NetworkPolicy,
  NetworkSet,
  RESOURCE_SCHEMAS,
  StagedGlobalNetworkPolicy,
  StagedKubernetesNetworkPolicy,
  StagedNetworkPolicy,
  Tier,
} from "./resources";
export {
  ACTIONS,
  type Action,
  EntityRule,
  HTTPMatch,
  HTTPPath,
  ICMPFields,
  Port,
  PROTOCOL_NAMES,
  Protocol,
  Rule,
  ServiceAccountMatch,
  ServiceMatch,
} from "./rule";
export type { CelRule } from "./schema";
export { TierSpec, TierStatus } from "./tier";
