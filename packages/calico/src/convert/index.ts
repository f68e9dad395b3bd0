export {
  type AdminEnforcementState,
  adminEnforcement,
  adminKindReleases,
  compareLines,
  type ReleaseLine,
  type ReleaseRange,
  releaseRangeOf,
} from "./admin-enforcement";
export {
  ADMIN_RULE_NAME_ANNOTATION,
  type AdminPolicyConversion,
  adminPolicyAsIndexed,
  adminPolicyToCalico,
  BASELINE_ADMIN_POLICY_ORDER,
} from "./admin-network-policy";
export {
  type CalicoVersion,
  type PolicyNaming,
  parseCalicoVersion,
  policyNaming,
  storedPolicyName,
} from "./calico-version";
export { clientPolicyForm, clientReadForm, goPolicySpec } from "./client-form";
export { applyPolicyDefaults, defaultPolicyTypes, TIER_LABEL } from "./defaults";
export { K8S_POD_SELECTOR, k8sSelectorToCalico, type SelectorRole } from "./k8s-selector";
export {
  K8S_POLICY_ORDER,
  type K8sConversion,
  type K8sConversionOptions,
  k8sNetworkPolicyToCalico,
} from "./kubernetes-network-policy";
export {
  CALICO_NODE_ADDRESS_ANNOTATION,
  CALICO_NODE_ADDRESS_V6_ANNOTATION,
  CALICO_NODE_SPEC_FIELDS,
  CALICO_TUNNEL_ANNOTATIONS,
  type CalicoNodeAnnotation,
  calicoNodeField,
  calicoNodeSpec,
} from "./node-addresses";
export { determinePolicyName, tieredPolicyName } from "./policy-name";
export { simplifyPorts } from "./ports";
export {
  ENFORCED_KIND_OF_STAGED,
  type EnforcedRef,
  isStagedKindName,
  type PolicyObject,
  type Promotion,
  promotion,
  type StageableKind,
  type StagedKind,
  stagedForm,
} from "./staged";
export { type StagedK8sConversion, stagedK8sNetworkPolicyToCalico } from "./staged-kubernetes-network-policy";
export {
  type ConversionResult,
  fromV1Storage,
  isCalicoOwnedKey,
  METADATA_ANNOTATION,
  type StoredObject,
  type ToStorageOptions,
  toV1Storage,
  V1_API_VERSION,
} from "./storage";
export { convertUid } from "./uid";
