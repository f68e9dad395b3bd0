import { apiPaths, type ClusterList, type Permissions } from "@palisade/contract";
import { queryOptions } from "@tanstack/react-query";
import { getJson } from "./client";
import { cacheFamilies } from "./queryKeys";

// The queries the shell runs on every page, apart from queries.ts so the first page does not carry the views' queries.

export const clustersQuery = queryOptions({
  queryKey: cacheFamilies.clusters(),
  queryFn: ({ signal }) => getJson<ClusterList>(apiPaths.clusters(), signal),
});

export const permissionsQuery = (cluster: string) =>
  queryOptions({
    queryKey: cacheFamilies.permissions(cluster),
    queryFn: ({ signal }) => getJson<Permissions>(apiPaths.permissions(cluster), signal),
    staleTime: 60_000,
  });
