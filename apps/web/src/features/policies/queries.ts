import type { PolicyList } from "@palisade/contract";
import { queryOptions } from "@tanstack/react-query";
import { getJson } from "../../api/client";

export const policyKeys = {
  all: ["policies"] as const,
};

export const policiesQuery = queryOptions({
  queryKey: policyKeys.all,
  queryFn: ({ signal }) => getJson<PolicyList>("/api/v1/policies", signal),
});
