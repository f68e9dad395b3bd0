export { AuditEntry, AuditList, AuditParams, AuditQuery, HistoryOutcome, historyOutcome } from "./audit";
export { AUDIT_RECORD, AUDIT_RECORD_API_VERSION, AuditRecordSpec, auditRecordCrd } from "./audit-record";
export {
  CacheState,
  CalicoStorage,
  CalicoVersionInfo,
  CalicoVersionSource,
  ClusterList,
  ClusterParams,
  ClusterSource,
  ClusterStatus,
  ClusterSummary,
} from "./clusters";
export { ConnectivityChange, ConnectivityDiff, ConnectivityGroup } from "./connectivity";
export {
  ApplyAction,
  ApplyErrorBody,
  ApplyOutcome,
  ApplyRequest,
  ApplyResult,
  Conflict,
  DeleteErrorBody,
  DeleteImpact,
  DeleteOutcome,
  DeleteRequest,
  DeleteResult,
  DeleteTarget,
  DiffResult,
  DocumentDiff,
  DocumentOutcome,
  DocumentStatus,
  DocumentSummary,
  DocumentsRequest,
  DuplicateList,
  DuplicateName,
  EndpointImpact,
  ExpectedVersion,
  MAX_BODY_BYTES,
  MAX_DOCUMENTS,
  RollbackReport,
  StoredCopy,
  ValidateResult,
  Warning,
} from "./documents";
export {
  AppliedPolicy,
  Direction,
  EndpointKind,
  EndpointMatches,
  EndpointRef,
  HostEndpointDetail,
  HostEndpointList,
  HostEndpointParams,
  HostEndpointSummary,
  InterfaceRole,
  Stage,
  StagePolicies,
  WorkloadEndpointDetail,
  WorkloadEndpointList,
  WorkloadEndpointParams,
  WorkloadEndpointQuery,
  WorkloadEndpointSummary,
} from "./endpoints";
export { ERROR_CODES, ErrorBody, type ErrorCode, FieldError } from "./errors";
export { ChangeEvent, ResyncEvent, ServerEvent, StatusEvent } from "./events";
export { ExplainDnat, ExplainRequest, ExplainResult, TraceStep, Verdict } from "./explain";
export {
  Flow,
  FlowAction,
  FlowAgreement,
  FlowBatch,
  FlowCheck,
  FlowDetail,
  FlowEndpoint,
  FlowEndpointType,
  FlowList,
  FlowParams,
  FlowPolicyHit,
  FlowPolicyKind,
  FlowPolicyRef,
  FlowQuery,
  FlowRow,
  FlowSourceStatus,
  HitCounters,
  PolicyHitList,
  PolicyHits,
  RuleHits,
} from "./flows";
export {
  DenyNodePortsParams,
  GeneratorName,
  GeneratorResult,
  LogDeniedPacketsParams,
  PreDnatAllowlistParams,
  TargetInterfaces,
} from "./generators";
export {
  GRAPH_EXPAND_LIMIT,
  GraphEdge,
  GraphGroup,
  GraphInterface,
  GraphModel,
  GraphNode,
  GraphPod,
  GraphQuery,
  GraphWorkload,
} from "./graph";
export { PolicyKind, ResourceKind } from "./kinds";
export { PacketLogAddress, PacketLogEntry, PacketLogPolicy, PacketLogRequest, PacketLogResult } from "./packet-log";
export { API_PREFIX, apiPaths } from "./paths";
export { Allowed, KindPermissions, Permissions, Verb } from "./permissions";
export {
  AdminEnforcement,
  MatchCounts,
  NamespaceQuery,
  PeerView,
  PolicyDetail,
  PolicyList,
  PolicyParams,
  PolicySummary,
  RuleView,
  TierSummary,
} from "./policies";
export {
  PolicySetApplyRequest,
  PolicySetFieldChange,
  PolicySetFound,
  PolicySetId,
  PolicySetList,
  PolicySetMemberPlan,
  PolicySetObjectState,
  PolicySetParams,
  PolicySetParamsPath,
  PolicySetPlan,
  PolicySetProbe,
  PolicySetWorker,
  SourcedValue,
} from "./policy-sets";
export { Labels, ObjectMeta, ResourceObject, ResourceRef } from "./resources";
export { SelectorMatch, SelectorQuery, SelectorResult } from "./selectors";
export { CSP, CSRF_HEADER, Health, ServerInfo, UnreachableCluster } from "./server";
export { ServiceList, ServicePortView, ServiceQuery, ServiceSummary, ServiceType } from "./services";
export {
  PromoteErrorBody,
  PromotePreview,
  PromoteRequest,
  PromoteResult,
  StagedPolicy,
  StagedPolicyList,
  StagedRef,
} from "./staged";
