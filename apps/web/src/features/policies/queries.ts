import { apiPaths, type PolicyDetail, type PolicyKind, type PolicyList } from "@palisade/contract";
import { queryOptions } from "@tanstack/react-query";
import { getJson } from "../../api/client";

export const policiesQuery = (cluster: string) =>
  queryOptions({
    queryKey: ["policies", cluster],
    queryFn: ({ signal }) => getJson<PolicyList>(apiPaths.policies(cluster), signal),
  });

export const policyQuery = (cluster: string, kind: PolicyKind, name: string, namespace?: string) =>
  queryOptions({
    queryKey: ["policy", cluster, kind, namespace ?? "", name],
    queryFn: ({ signal }) => getJson<PolicyDetail>(apiPaths.policy(cluster, kind, name, namespace), signal),
  });
