import { apiPaths, type GeneratorName, type GeneratorResult } from "@palisade/contract";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { postJson } from "../../api/client";

/** A generator's output for some parameters; generation is pure on the server, so it caches like a read. */
export const generatorQuery = (cluster: string, generator: GeneratorName, params: unknown) =>
  queryOptions({
    queryKey: ["generator", cluster, generator, params],
    queryFn: ({ signal }) => postJson<GeneratorResult>(apiPaths.generator(cluster, generator), params, signal),
    retry: false,
    placeholderData: keepPreviousData,
  });
