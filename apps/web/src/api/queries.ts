import { parseEndpointId } from "@palisade/calico";
import {
  type AuditEntry,
  type AuditList,
  type AuditQuery,
  apiPaths,
  type DeleteImpact,
  type DeleteRequest,
  type DuplicateList,
  type ExplainRequest,
  type FlowDetail,
  type FlowList,
  type FlowQuery,
  type GeneratorName,
  type GeneratorResult,
  type GraphModel,
  type HostEndpointDetail,
  type HostEndpointList,
  type PolicyDetail,
  type PolicyHitList,
  type PolicyKind,
  type PolicyList,
  type PolicySetId,
  type PolicySetList,
  type PolicySetParams,
  type PolicySetPlan,
  type ResourceRef,
  type SelectorResult,
  type ServiceList,
  type ServiceType,
  type StagePolicies,
  type WorkloadEndpointDetail,
  type WorkloadEndpointList,
} from "@palisade/contract";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { getJson, postJson } from "./client";
import { validateYaml } from "./documents";
import { explain } from "./explain";
import { cacheFamilies } from "./queryKeys";

export const policiesQuery = (cluster: string) =>
  queryOptions({
    queryKey: cacheFamilies.policies(cluster),
    queryFn: ({ signal }) => getJson<PolicyList>(apiPaths.policies(cluster), signal),
  });

/** Names stored more than once; in the policies family, so every policy change refreshes it. */
export const duplicatesQuery = (cluster: string) =>
  queryOptions({
    queryKey: [...cacheFamilies.policies(cluster), "duplicates"],
    queryFn: ({ signal }) => getJson<DuplicateList>(apiPaths.duplicates(cluster), signal),
  });

export const policyQuery = (cluster: string, kind: PolicyKind, name: string, namespace?: string) =>
  queryOptions({
    queryKey: [...cacheFamilies.policy(cluster), kind, namespace ?? "", name],
    queryFn: ({ signal }) => getJson<PolicyDetail>(apiPaths.policy(cluster, kind, name, namespace), signal),
  });

/** What deleting one object would take away; in the policy family, so a change to the cluster refreshes it. */
export const deletePreviewQuery = (
  cluster: string,
  target: ResourceRef,
  resourceVersion: string | undefined,
  /** Of a name stored twice, the one stored copy to delete. */
  storedName?: string,
) => {
  const request: DeleteRequest = {
    targets: [{ ref: target, resourceVersion, ...(storedName === undefined ? {} : { storedName }) }],
  };
  return queryOptions({
    queryKey: [...cacheFamilies.policy(cluster), "delete-preview", target, resourceVersion, storedName ?? ""],
    queryFn: ({ signal }) => postJson<DeleteImpact>(apiPaths.deletePreview(cluster), request, signal),
    gcTime: 0,
  });
};

export const hostEndpointsQuery = (cluster: string) =>
  queryOptions({
    queryKey: cacheFamilies.hostEndpoints(cluster),
    queryFn: ({ signal }) => getJson<HostEndpointList>(apiPaths.hostEndpoints(cluster), signal),
  });

export const hostEndpointQuery = (cluster: string, name: string) =>
  queryOptions({
    queryKey: [...cacheFamilies.hostEndpoint(cluster), name],
    queryFn: ({ signal }) => getJson<HostEndpointDetail>(apiPaths.hostEndpoint(cluster, name), signal),
  });

export const workloadEndpointsQuery = (cluster: string) =>
  queryOptions({
    queryKey: cacheFamilies.workloadEndpoints(cluster),
    queryFn: ({ signal }) => getJson<WorkloadEndpointList>(apiPaths.workloadEndpoints(cluster), signal),
  });

/**
 * The detail of any endpoint by id (`hep/<name>` or `wep/<namespace>/<pod>`); both kinds carry per-stage policies.
 * Ids that are neither are rejected before any request.
 */
export const endpointPoliciesQuery = (cluster: string, id: string) => {
  const ref = parseEndpointId(id);
  const family = ref?.kind === "wep" ? cacheFamilies.workloadEndpoints(cluster) : cacheFamilies.hostEndpoint(cluster);
  return queryOptions({
    queryKey: [...family, "policies", id],
    queryFn: async ({ signal }): Promise<StagePolicies> => {
      if (ref === undefined) throw new Error(`"${id}" is not an endpoint id (hep/<name> or wep/<namespace>/<pod>)`);
      const detail =
        ref.kind === "hep"
          ? await getJson<HostEndpointDetail>(apiPaths.hostEndpoint(cluster, ref.name), signal)
          : await getJson<WorkloadEndpointDetail>(apiPaths.workloadEndpoint(cluster, ref.namespace, ref.name), signal);
      return detail.policies;
    },
    retry: false,
  });
};

/** `expand`: namespaces whose pods are listed (comma-separated, or `*`); undefined for the server's default. */
export const graphQuery = (cluster: string, expand?: string, edges?: boolean) =>
  queryOptions({
    queryKey: [...cacheFamilies.graph(cluster), expand ?? "", edges === true],
    queryFn: ({ signal }) => getJson<GraphModel>(apiPaths.graph(cluster, expand, edges), signal),
    // Expanding a group keeps the current picture until the new one arrives.
    placeholderData: keepPreviousData,
  });

export const selectorQuery = (cluster: string, selector: string) =>
  queryOptions({
    queryKey: [...cacheFamilies.selector(cluster), selector],
    queryFn: ({ signal }) => getJson<SelectorResult>(apiPaths.selector(cluster, selector, 200), signal),
    retry: false,
    placeholderData: keepPreviousData,
  });

/** The cluster's Services of one type (for picking a load balancer as the allowlist's destination). */
export const servicesQuery = (cluster: string, type: ServiceType) =>
  queryOptions({
    queryKey: [...cacheFamilies.services(cluster), type],
    queryFn: ({ signal }) => getJson<ServiceList>(apiPaths.services(cluster, type), signal),
  });

/** IBM's isolation sets found in the cluster, with their drift. */
export const policySetsQuery = (cluster: string) =>
  queryOptions({
    queryKey: cacheFamilies.policySets(cluster),
    queryFn: ({ signal }) => getJson<PolicySetList>(apiPaths.policySets(cluster), signal),
  });

/** A set planned for the cluster (files, impact, lock-out check); pure on the server, so it caches like a read. */
export const policySetPlanQuery = (cluster: string, set: PolicySetId, params: PolicySetParams) =>
  queryOptions({
    queryKey: [...cacheFamilies.policySets(cluster), "plan", set, params],
    queryFn: ({ signal }) => postJson<PolicySetPlan>(apiPaths.policySetPlan(cluster, set), params, signal),
    retry: false,
    placeholderData: keepPreviousData,
  });

/** What removing a set's objects would take away. */
export const removeSetPreviewQuery = (cluster: string, request: DeleteRequest) =>
  queryOptions({
    queryKey: [...cacheFamilies.policySets(cluster), "remove-preview", request],
    queryFn: ({ signal }) => postJson<DeleteImpact>(apiPaths.deletePreview(cluster), request, signal),
    gcTime: 0,
  });

/** A generator's output for some parameters; generation is pure on the server, so it caches like a read. */
export const generatorQuery = (cluster: string, generator: GeneratorName, params: unknown) =>
  queryOptions({
    queryKey: [...cacheFamilies.generator(cluster), generator, params],
    queryFn: ({ signal }) => postJson<GeneratorResult>(apiPaths.generator(cluster, generator), params, signal),
    retry: false,
    placeholderData: keepPreviousData,
  });

/** The server's validation of editor text (the browser's own checks run as you type). */
export const validateQuery = (cluster: string, yaml: string) =>
  queryOptions({
    queryKey: [...cacheFamilies.validate(cluster), yaml],
    queryFn: ({ signal }) => validateYaml(cluster, yaml, signal),
    enabled: yaml.trim() !== "",
    retry: false,
  });

/** A packet explained on the live cluster, or with `proposedYaml` applied to a copy. */
export const explainQuery = (cluster: string, request: ExplainRequest, proposedYaml?: string) =>
  queryOptions({
    queryKey:
      proposedYaml === undefined
        ? [...cacheFamilies.explain(cluster), request]
        : [...cacheFamilies.explain(cluster), request, proposedYaml],
    queryFn: ({ signal }) =>
      explain(cluster, proposedYaml === undefined ? request : { ...request, proposedYaml }, signal),
    retry: false,
  });

/** The change history, newest first, narrowed by the query's filters; always refetched when a view opens. */
export const historyQuery = (cluster: string, query: AuditQuery) =>
  queryOptions({
    queryKey: [...cacheFamilies.history(cluster), "list", query],
    queryFn: ({ signal }) => getJson<AuditList>(apiPaths.audit(cluster, query), signal),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });

export const historyEntryQuery = (cluster: string, id: string) =>
  queryOptions({
    queryKey: [...cacheFamilies.history(cluster), "entry", id],
    queryFn: ({ signal }) => getJson<AuditEntry>(apiPaths.auditEntry(cluster, id), signal),
  });

/** How often held flows and hit counts are asked again while a view shows them (new intervals keep arriving). */
const FLOWS_REFRESH_MS = 10_000;

export const flowsQuery = (cluster: string, query: FlowQuery) =>
  queryOptions({
    queryKey: [...cacheFamilies.flows(cluster), "list", query],
    queryFn: ({ signal }) => getJson<FlowList>(apiPaths.flows(cluster, query), signal),
    refetchInterval: FLOWS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

export const flowQuery = (cluster: string, id: string) =>
  queryOptions({
    queryKey: [...cacheFamilies.flows(cluster), "one", id],
    queryFn: ({ signal }) => getJson<FlowDetail>(apiPaths.flow(cluster, id), signal),
  });

/** Per-policy and per-rule hit counts over the flows held (Goldmane's Statistics, or the demo's). */
export const flowHitsQuery = (cluster: string, query: Omit<FlowQuery, "limit"> = {}) =>
  queryOptions({
    queryKey: [...cacheFamilies.flows(cluster), "hits", query],
    queryFn: ({ signal }) => getJson<PolicyHitList>(apiPaths.flowHits(cluster, query), signal),
    refetchInterval: FLOWS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
