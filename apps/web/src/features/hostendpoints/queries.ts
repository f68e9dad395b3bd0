import {
  apiPaths,
  type HostEndpointDetail,
  type HostEndpointList,
  type StagePolicies,
  type WorkloadEndpointDetail,
} from "@palisade/contract";
import { queryOptions } from "@tanstack/react-query";
import { getJson } from "../../api/client";

export const hostEndpointsQuery = (cluster: string) =>
  queryOptions({
    queryKey: ["hostEndpoints", cluster],
    queryFn: ({ signal }) => getJson<HostEndpointList>(apiPaths.hostEndpoints(cluster), signal),
  });

export const hostEndpointQuery = (cluster: string, name: string) =>
  queryOptions({
    queryKey: ["hostEndpoint", cluster, name],
    queryFn: ({ signal }) => getJson<HostEndpointDetail>(apiPaths.hostEndpoint(cluster, name), signal),
  });

/**
 * The detail of any endpoint by id (`hep/<name>` or `wep/<namespace>/<pod>`); both kinds carry per-stage policies.
 * Ids that are neither are rejected before any request.
 */
export const endpointPoliciesQuery = (cluster: string, id: string) =>
  queryOptions({
    queryKey: [id.startsWith("wep/") ? "workloadEndpoints" : "hostEndpoint", cluster, "policies", id],
    queryFn: async ({ signal }): Promise<StagePolicies> => {
      const ref = parseEndpointId(id);
      if (ref === undefined) throw new Error(`"${id}" is not an endpoint id (hep/<name> or wep/<namespace>/<pod>)`);
      const detail =
        ref.kind === "hep"
          ? await getJson<HostEndpointDetail>(apiPaths.hostEndpoint(cluster, ref.name), signal)
          : await getJson<WorkloadEndpointDetail>(apiPaths.workloadEndpoint(cluster, ref.namespace, ref.name), signal);
      return detail.policies;
    },
    retry: false,
  });

export type ParsedEndpointId = { kind: "hep"; name: string } | { kind: "wep"; namespace: string; name: string };

export function parseEndpointId(id: string): ParsedEndpointId | undefined {
  const [kind, a, b, ...rest] = id.split("/");
  if (rest.length > 0) return undefined;
  if (kind === "hep" && a && b === undefined) return { kind, name: a };
  if (kind === "wep" && a && b) return { kind, namespace: a, name: b };
  return undefined;
}

/** Every policy key in an endpoint's per-stage lists. */
export function policyKeysOf(stages: StagePolicies): Set<string> {
  return new Set([...stages.untracked, ...stages.preDNAT, ...stages.normal, ...stages.forward].map((p) => p.key));
}
