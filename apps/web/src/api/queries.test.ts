import type { QueryKey } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { familiesToInvalidate } from "./events";
import {
  deletePreviewQuery,
  endpointPoliciesQuery,
  explainQuery,
  generatorQuery,
  graphQuery,
  hostEndpointQuery,
  hostEndpointsQuery,
  policiesQuery,
  policyQuery,
  selectorQuery,
  servicesQuery,
  validateQuery,
  workloadEndpointsQuery,
} from "./queries";
import { type CacheFamily, cacheFamilies } from "./queryKeys";
import { clustersQuery, permissionsQuery } from "./shellQueries";

const startsWith = (key: QueryKey, prefix: readonly unknown[]) => prefix.every((part, i) => Object.is(key[i], part));

/** The family a key belongs to: what invalidating that family's key refreshes. */
function familyOf(key: QueryKey): CacheFamily | undefined {
  return (Object.keys(cacheFamilies) as CacheFamily[]).find((f) => startsWith(key, cacheFamilies[f]("demo")));
}

describe("query keys", () => {
  it("start with the family live updates and mutations invalidate", () => {
    const request = { endpointId: "hep/a", protocol: "TCP" } as never;
    const keys: [QueryKey, CacheFamily][] = [
      [clustersQuery.queryKey, "clusters"],
      [permissionsQuery("demo").queryKey, "permissions"],
      [policiesQuery("demo").queryKey, "policies"],
      [policyQuery("demo", "NetworkPolicy", "web", "shop").queryKey, "policy"],
      [deletePreviewQuery("demo", { kind: "NetworkPolicy", name: "web", namespace: "shop" }, "7").queryKey, "policy"],
      [hostEndpointsQuery("demo").queryKey, "hostEndpoints"],
      [hostEndpointQuery("demo", "w1").queryKey, "hostEndpoint"],
      [workloadEndpointsQuery("demo").queryKey, "workloadEndpoints"],
      [endpointPoliciesQuery("demo", "hep/w1").queryKey, "hostEndpoint"],
      [endpointPoliciesQuery("demo", "wep/shop/web-0").queryKey, "workloadEndpoints"],
      [graphQuery("demo").queryKey, "graph"],
      [selectorQuery("demo", "all()").queryKey, "selector"],
      [servicesQuery("demo", "LoadBalancer").queryKey, "services"],
      [generatorQuery("demo", "deny-nodeports", {}).queryKey, "generator"],
      [validateQuery("demo", "a: 1").queryKey, "validate"],
      [explainQuery("demo", request).queryKey, "explain"],
      [explainQuery("demo", request, "a: 1").queryKey, "explain"],
    ];
    for (const [key, family] of keys) expect(familyOf(key), JSON.stringify(key)).toBe(family);
  });

  it("a policy change refreshes a policy's page and its delete preview", () => {
    const stale = familiesToInvalidate({
      type: "change",
      cluster: "demo",
      action: "modified",
      resource: "NetworkPolicy",
      name: "web",
      resourceVersion: "8",
    });
    const preview = deletePreviewQuery("demo", { kind: "NetworkPolicy", name: "web", namespace: "shop" }, "7");
    expect(stale.some((f) => startsWith(preview.queryKey, cacheFamilies[f]("demo")))).toBe(true);
  });
});
