import { apiPaths, type SelectorResult } from "@palisade/contract";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { getJson } from "../../api/client";

export const selectorQuery = (cluster: string, selector: string) =>
  queryOptions({
    queryKey: ["selector", cluster, selector],
    queryFn: ({ signal }) => getJson<SelectorResult>(apiPaths.selector(cluster, selector, 200), signal),
    retry: false,
    placeholderData: keepPreviousData,
  });
