export {
  type AddressInterval,
  addressIntervals,
  type ConnectivityChange,
  type ConnectivityDiff,
  type ConnectivityGroup,
  type ConnectivityInput,
  type ConnectivityModel,
  type ConnectivityPhase,
  connectivityDiffSteps,
} from "./connectivity/diff";
export * from "./convert/index";
export {
  type CompiledPolicy,
  type CompiledRule,
  compilePolicy,
  DIRECTIONS,
  type Direction,
  policyDirections,
  policyKey,
  policyStages,
  STAGES,
  type Stage,
} from "./endpoints/compiled-policy";
export {
  type EntityRuleSelectors,
  effectivePolicySelector,
  effectivePolicySelectorText,
  entityRuleSelectors,
  entityRuleSelectorText,
  isNamespacedPolicy,
  policyNamespace,
  type SelectorFieldError,
} from "./endpoints/effective-selectors";
export {
  type Endpoint,
  hostEndpoint,
  type LabelledItem,
  type NamedPort,
  type NetworkSetItem,
  networkSetItem,
  workloadEndpointFromPod,
} from "./endpoints/endpoint";
export type {
  HostEndpointLike,
  LabelledLike,
  NetworkSetLike,
  ObjectMetaLike,
  PodLike,
  PolicyLike,
  PolicySpecLike,
  ProfileLike,
} from "./endpoints/inputs";
export {
  inheritLabels,
  LABEL_NAMESPACE,
  LABEL_ORCHESTRATOR,
  LABEL_SERVICE_ACCOUNT,
  NAMESPACE_LABEL_PREFIX,
  namespaceProfileId,
  namespaceProfileLabels,
  ORCHESTRATOR_K8S,
  SERVICE_ACCOUNT_LABEL_PREFIX,
  serviceAccountProfileId,
  serviceAccountProfileLabels,
} from "./endpoints/labels";
export {
  type EndpointPolicies,
  MatchIndex,
  type RuleMatches,
  type RuleSideMatches,
  ruleSelectorsOf,
  type TierPolicies,
} from "./endpoints/match-index";
export { allInterfacesHostEndpoints, type HostInterface, hostEndpointOwner } from "./endpoints/resolve-host-endpoint";
export { SelectorIndex } from "./endpoints/selector-index";
export { explain } from "./explain/explain";
export { DEFAULT_FAILSAFE, type FailsafeConfig, type FailsafePort, matchFailsafe } from "./explain/failsafe";
export { ipInNets, sameIp } from "./explain/ip-match";
export { portMatches } from "./explain/ports";
export { DEFAULT_ALLOW_PROFILE, type ProfileRules } from "./explain/profiles";
export { protocolName, protocolNumber } from "./explain/protocol";
export type {
  DnatTarget,
  ExplainError,
  ExplainOptions,
  ExplainQuery,
  Explanation,
  FabricInterface,
  FabricLeg,
  FabricRoute,
  Masquerade,
  PeerSpec,
  TraceStep,
} from "./explain/query";
export { matchRule, type Packet, type PacketSide, type RuleMatch } from "./explain/rule-match";
export {
  type EndpointSliceLike,
  SERVICE_NAME_LABEL,
  type ServiceIndex,
  ServiceSlices,
  serviceIndex,
} from "./explain/services";
export * from "./generators/index";
export * from "./model/index";
export {
  type PacketLogError,
  type PacketLogLine,
  parsePacketLog,
  parsePacketLogLine,
} from "./packet-log/parse";
export {
  checkLogPrefix,
  DEFAULT_LOG_PREFIX,
  isTemplated,
  LOG_PREFIX_LIMIT,
  LOG_PREFIX_TEMPLATES_SINCE,
  type LoggedPolicy,
  readLogPrefix,
  renderLogPrefix,
  SHORT_POLICY_KINDS,
  shortPolicyKind,
  supportsLogPrefixTemplates,
} from "./packet-log/prefix";
export {
  ADMIN_NETWORK_POLICY_TIER,
  ADMIN_POLICY_NAME_PREFIX,
  BASELINE_ADMIN_NETWORK_POLICY_TIER,
  BASELINE_ADMIN_POLICY_NAME_PREFIX,
  BUILT_IN_TIER_DEFAULT_ACTIONS,
  BUILT_IN_TIER_ORDERS,
  CALICO_CREATED_TIERS,
  CLUSTER_NETWORK_POLICY_CALICO_KIND,
  calicoIdentity,
  comparePolicies,
  comparePoliciesInTier,
  compareTiers,
  DEFAULT_TIER,
  DEFAULT_TIER_INFO,
  KUBE_ADMIN_TIER,
  KUBE_BASELINE_TIER,
  type PolicyOrderKey,
  sortPolicies,
  type TierInfo,
  tierDefaultAction,
  tierOf,
} from "./policy/order";
export * from "./policy-sets/index";
export {
  endpointIdLabel,
  hostEndpointId,
  keyLabel,
  type ObjectRef,
  type ParsedEndpointId,
  parseEndpointId,
  parseResourceKey,
  refLabel,
  resourceKey,
  workloadEndpointId,
} from "./refs/refs";
export { err, ok, type Result } from "./result";
export { compareGoStrings, prefixLabels, type SelectorNode } from "./selector/ast";
export { compileSelector, type Labels, type Matcher } from "./selector/compile";
export { type InternedLabels, LabelTable } from "./selector/interned";
export {
  canNeverMatch,
  type LabelRestriction,
  type LabelRestrictions,
  labelRestrictionsOf,
  possibleToSatisfy,
} from "./selector/label-restrictions";
export { MAX_SELECTOR_NESTING, parseSelectorNode } from "./selector/parser";
export { printSelector } from "./selector/print";
export { parseSelector, recordLabels, Selector, validateSelector } from "./selector/selector";
export { makeUniqueId, sha224 } from "./selector/sha224";
export { isLabelChar, isValidLabel, MAX_LABEL_LENGTH, tokenize } from "./selector/tokenizer";
export type { SelectorError, Token, TokenKind } from "./selector/tokens";
export { checkSelectorVectors, type VectorOutcome } from "./selector/vectors";
export {
  CLUSTER_PROFILES,
  type ClusterProfile,
  type ClusterSize,
  type GeneratedCluster,
  type GeneratedKubernetesPolicy,
  type GeneratedPolicy,
  generateCluster,
} from "./synthetic-cluster/generate-cluster";
export { indexCluster } from "./synthetic-cluster/load";
export { type Random, seededRandom } from "./synthetic-cluster/random";
export * from "./validate/index";
export { type ParsedIp, parseIp } from "./validate/net";
export * from "./yaml/index";
