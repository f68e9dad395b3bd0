import type { AuditQuery } from "./audit";
import type { FlowQuery } from "./flows";
import type { GeneratorName } from "./generators";
import type { PolicyKind } from "./kinds";
import type { PolicySetId } from "./policy-sets";
import type { ServiceType } from "./services";

/** The BFF's routes. Every cluster route lives under `/api/v1/clusters/:cluster`. */
export const API_PREFIX = "/api/v1";

const c = (cluster: string) => `${API_PREFIX}/clusters/${encodeURIComponent(cluster)}`;
const ns = (namespace: string | undefined) =>
  namespace === undefined ? "" : `?namespace=${encodeURIComponent(namespace)}`;

/** `?a=1&b=2` of the defined values, in the object's order; "" when there are none. */
function queryString(query: Readonly<Record<string, string | number | undefined>>): string {
  const pairs = Object.entries(query).flatMap(([k, v]) =>
    v === undefined || v === "" ? [] : [`${k}=${encodeURIComponent(String(v))}`],
  );
  return pairs.length === 0 ? "" : `?${pairs.join("&")}`;
}

/** A FlowQuery as a query string, keys in a fixed order. */
function flowQuery(q: FlowQuery): string {
  const { from, to, endpoint, namespace, policy, action, port, limit } = q;
  return queryString({ from, to, endpoint, namespace, policy, action, port, limit });
}

/** Builds request paths for the dashboard; each comment names the method and the request/response types. */
export const apiPaths = {
  /** GET → ServerInfo */
  server: () => `${API_PREFIX}/server`,
  /** GET → ClusterList */
  clusters: () => `${API_PREFIX}/clusters`,
  /** GET → ClusterSummary */
  cluster: (cluster: string) => c(cluster),
  /** GET → PolicyList */
  policies: (cluster: string) => `${c(cluster)}/policies`,
  /** GET → PolicyDetail */
  policy: (cluster: string, kind: PolicyKind, name: string, namespace?: string) =>
    `${c(cluster)}/policies/${kind}/${encodeURIComponent(name)}${ns(namespace)}`,
  /** GET → HostEndpointList */
  hostEndpoints: (cluster: string) => `${c(cluster)}/hostendpoints`,
  /** GET → HostEndpointDetail */
  hostEndpoint: (cluster: string, name: string) => `${c(cluster)}/hostendpoints/${encodeURIComponent(name)}`,
  /** GET → WorkloadEndpointList */
  workloadEndpoints: (cluster: string, namespace?: string) => `${c(cluster)}/workloadendpoints${ns(namespace)}`,
  /** GET → WorkloadEndpointDetail */
  workloadEndpoint: (cluster: string, namespace: string, name: string) =>
    `${c(cluster)}/workloadendpoints/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
  /** GET → ServiceList (all Services, or those of one type) */
  services: (cluster: string, type?: ServiceType) =>
    `${c(cluster)}/services${type === undefined ? "" : `?type=${encodeURIComponent(type)}`}`,
  /** GET (GraphQuery as query string) → GraphModel */
  graph: (cluster: string, expand?: string, edges?: boolean) =>
    `${c(cluster)}/graph${queryString({ expand, edges: edges === true ? "true" : undefined })}`,
  /** GET (SelectorQuery as query string) → SelectorResult, or 400 InvalidSelector */
  selector: (cluster: string, selector: string, limit?: number) =>
    `${c(cluster)}/selector?selector=${encodeURIComponent(selector)}${limit === undefined ? "" : `&limit=${limit}`}`,
  /** POST DocumentsRequest → ValidateResult, or 400/422 ErrorBody */
  validate: (cluster: string) => `${c(cluster)}/validate`,
  /** POST DocumentsRequest → DiffResult */
  diff: (cluster: string) => `${c(cluster)}/diff`,
  /** POST DocumentsRequest → ConnectivityDiff: who gains or loses reachability on which ports */
  connectivity: (cluster: string) => `${c(cluster)}/connectivity`,
  /** POST ApplyRequest → ApplyResult (outcome `dry-run`), or ApplyErrorBody */
  dryRun: (cluster: string) => `${c(cluster)}/dry-run`,
  /** POST ApplyRequest → ApplyResult (outcome `applied`), or ApplyErrorBody */
  apply: (cluster: string) => `${c(cluster)}/apply`,
  /** GET → DuplicateList (names stored more than once) */
  duplicates: (cluster: string) => `${c(cluster)}/duplicates`,
  /** POST DeleteRequest → DeleteImpact */
  deletePreview: (cluster: string) => `${c(cluster)}/delete/preview`,
  /** POST DeleteRequest → DeleteResult, or DeleteErrorBody */
  delete: (cluster: string) => `${c(cluster)}/delete`,
  /** POST <Generator>Params → GeneratorResult */
  generator: (cluster: string, generator: GeneratorName) => `${c(cluster)}/generators/${generator}`,
  /** GET → PolicySetList: IBM's isolation sets found in the cluster and how they drifted */
  policySets: (cluster: string) => `${c(cluster)}/policy-sets`,
  /** POST PolicySetParams → PolicySetPlan (generated files, impact, lock-out check) */
  policySetPlan: (cluster: string, set: PolicySetId) => `${c(cluster)}/policy-sets/${set}/plan`,
  /** POST PolicySetApplyRequest → ApplyResult, or 409 LockOut / ApplyErrorBody */
  policySetApply: (cluster: string, set: PolicySetId) => `${c(cluster)}/policy-sets/${set}/apply`,
  /** POST ExplainRequest → ExplainResult */
  explain: (cluster: string) => `${c(cluster)}/explain`,
  /** GET (FlowQuery as query string) → FlowList, newest first */
  flows: (cluster: string, query: FlowQuery = {}) => `${c(cluster)}/flows${flowQuery(query)}`,
  /** GET (FlowQuery, but `limit`) → text/event-stream of `flows` (FlowBatch) and `source` (FlowSourceStatus) */
  flowStream: (cluster: string, query: FlowQuery = {}) => `${c(cluster)}/flows/stream${flowQuery(query)}`,
  /** GET (FlowQuery, but `limit`) → PolicyHitList: per-policy and per-rule hit counts over the flows held */
  flowHits: (cluster: string, query: FlowQuery = {}) => `${c(cluster)}/flows/hits${flowQuery(query)}`,
  /** GET → FlowDetail: one held flow and Palisade's explain of it */
  flow: (cluster: string, id: string) => `${c(cluster)}/flows/${encodeURIComponent(id)}`,
  /** POST PacketLogRequest → PacketLogResult: logged packets parsed, their endpoints named, each explained */
  packetLog: (cluster: string) => `${c(cluster)}/packet-log`,
  /** GET → StagedPolicyList: staged policies and the enforced policy each stands for */
  staged: (cluster: string) => `${c(cluster)}/staged`,
  /** POST StagedRef → PromotePreview: what promoting would write or delete */
  stagedPreview: (cluster: string) => `${c(cluster)}/staged/preview`,
  /** POST PromoteRequest → PromoteResult, or 409 with both versions */
  stagedPromote: (cluster: string) => `${c(cluster)}/staged/promote`,
  /** GET text/event-stream of ServerEvent */
  events: (cluster: string) => `${c(cluster)}/events`,
  /** GET → Permissions */
  permissions: (cluster: string) => `${c(cluster)}/permissions`,
  /** GET → AuditList, newest first, narrowed by the query's filters */
  audit: (cluster: string, query: AuditQuery = {}) => `${c(cluster)}/audit${queryString(query)}`,
  /** GET → AuditEntry */
  auditEntry: (cluster: string, id: string) => `${c(cluster)}/audit/${encodeURIComponent(id)}`,
  /** GET → the OpenAPI 3 document */
  openapi: () => `${API_PREFIX}/openapi.json`,
} as const;
