import { apiPaths, type GraphModel } from "@palisade/contract";
import { queryOptions } from "@tanstack/react-query";
import { getJson } from "../../api/client";

export const graphQuery = (cluster: string) =>
  queryOptions({
    queryKey: ["graph", cluster],
    queryFn: ({ signal }) => getJson<GraphModel>(apiPaths.graph(cluster), signal),
  });
