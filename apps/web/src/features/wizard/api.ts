import {
  apiPaths,
  type GeneratorName,
  type GeneratorResult,
  type ServiceList,
  type ServiceType,
} from "@palisade/contract";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { getJson, postJson } from "../../api/client";

/** The cluster's Services of one type (for picking a load balancer as the allowlist's destination). */
export const servicesQuery = (cluster: string, type: ServiceType) =>
  queryOptions({
    queryKey: ["services", cluster, type],
    queryFn: ({ signal }) => getJson<ServiceList>(apiPaths.services(cluster, type), signal),
  });

/** A generator's output for some parameters; generation is pure on the server, so it caches like a read. */
export const generatorQuery = (cluster: string, generator: GeneratorName, params: unknown) =>
  queryOptions({
    queryKey: ["generator", cluster, generator, params],
    queryFn: ({ signal }) => postJson<GeneratorResult>(apiPaths.generator(cluster, generator), params, signal),
    retry: false,
    placeholderData: keepPreviousData,
  });
