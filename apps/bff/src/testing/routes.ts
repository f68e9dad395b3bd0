import type { RouteOptions } from "fastify";
import type { TSchema } from "typebox";
import { Value } from "typebox/value";

/** A value each path parameter takes on the demo cluster, for a request the route answers. */
export const PARAMETER_VALUES: Readonly<Record<string, string>> = {
  cluster: "demo",
  kind: "GlobalNetworkPolicy",
  namespace: "default",
  name: "allow-icmp",
  set: "public-isolation",
};

/** A request for `route` on the demo cluster: path parameters filled, a query and a body its schema accepts. */
export function requestFor(route: RouteOptions): { method: string; url: string; payload?: Record<string, unknown> } {
  const schema = route.schema as { body?: TSchema; querystring?: TSchema } | undefined;
  const query =
    schema?.querystring === undefined
      ? ""
      : `?${new URLSearchParams(Value.Create(schema.querystring) as Record<string, string>).toString()}`;
  const url = `${route.url}${query}`.replace(/:([a-z]+)/gi, (whole, name: string) => PARAMETER_VALUES[name] ?? whole);
  const method = [route.method].flat()[0] ?? "GET";
  if (schema?.body === undefined) return { method, url };
  return { method, url, payload: Value.Create(schema.body) as Record<string, unknown> };
}
