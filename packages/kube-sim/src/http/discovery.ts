import type { Registry } from "../registry/registry";
import { apiVersionOf, type ResourceType } from "../registry/resource-type";

/** Groups in the order the API server lists them: core first, then built-ins, then CRD groups by name. */
function groupVersions(registry: Registry): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const types = registry
    .all()
    .sort((a, b) => Number(a.crd) - Number(b.crd) || (a.crd ? a.group.localeCompare(b.group) : 0));
  for (const t of types) {
    const versions = groups.get(t.group) ?? [];
    if (!versions.includes(t.version)) versions.push(t.version);
    groups.set(t.group, versions);
  }
  return groups;
}

const SUBRESOURCE_VERBS = ["get", "patch", "update"];

function resourceEntries(t: ResourceType): Record<string, unknown>[] {
  const main = {
    name: t.plural,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: t.verbs,
    ...(t.shortNames.length > 0 ? { shortNames: t.shortNames } : {}),
    ...(t.categories.length > 0 ? { categories: t.categories } : {}),
  };
  if (!t.statusSubresource) return [main];
  return [
    main,
    { name: `${t.plural}/status`, singularName: "", namespaced: t.namespaced, kind: t.kind, verbs: SUBRESOURCE_VERBS },
  ];
}

export function apiVersions(serverAddress: string) {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function apiGroup(name: string, versions: string[]) {
  const vs = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

export function apiGroupList(registry: Registry) {
  const groups = [...groupVersions(registry)].filter(([g]) => g !== "");
  return { kind: "APIGroupList", apiVersion: "v1", groups: groups.map(([name, versions]) => apiGroup(name, versions)) };
}

export function apiGroupOf(registry: Registry, group: string) {
  const versions = groupVersions(registry).get(group);
  return versions === undefined ? undefined : { kind: "APIGroup", apiVersion: "v1", ...apiGroup(group, versions) };
}

export function apiResourceList(registry: Registry, group: string, version: string) {
  const types = registry.all().filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: apiVersionOf({ group, version }),
    resources: types.flatMap(resourceEntries),
  };
}

export const AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/** Whether the client asked for aggregated discovery (kubectl and client-go do, with plain JSON as fallback). */
export function wantsAggregated(accept: string | undefined): boolean {
  return (accept ?? "")
    .split(",")
    .some((a) => a.includes("as=APIGroupDiscoveryList") && a.includes("v=v2") && !a.includes("v=v2beta1"));
}

function discoveryResource(t: ResourceType) {
  const responseKind = { group: t.group, version: t.version, kind: t.kind };
  return {
    resource: t.plural,
    responseKind,
    scope: t.namespaced ? "Namespaced" : "Cluster",
    singularResource: t.singular,
    verbs: t.verbs,
    ...(t.shortNames.length > 0 ? { shortNames: t.shortNames } : {}),
    ...(t.categories.length > 0 ? { categories: t.categories } : {}),
    ...(t.statusSubresource
      ? { subresources: [{ subresource: "status", responseKind, verbs: SUBRESOURCE_VERBS }] }
      : {}),
  };
}

/** The aggregated discovery document (apidiscovery.k8s.io/v2) for `/api` (core) or `/apis` (everything else). */
export function aggregatedDiscovery(registry: Registry, core: boolean) {
  const items = [...groupVersions(registry)]
    .filter(([g]) => (g === "") === core)
    .map(([group, versions]) => ({
      metadata: { ...(group === "" ? {} : { name: group }), creationTimestamp: null },
      versions: versions.map((version) => ({
        version,
        resources: registry
          .all()
          .filter((t) => t.group === group && t.version === version)
          .map(discoveryResource),
        freshness: "Current",
      })),
    }));
  return { kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2", metadata: {}, items };
}
