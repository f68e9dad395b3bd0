/** The resource types the simulator serves, with the discovery facts clients need. */
export interface ResourceType {
  readonly group: string; // "" for the core group
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  { group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false, shortNames: ["ns"] },
  { group: "", version: "v1", plural: "nodes", kind: "Node", namespaced: false, shortNames: ["no"] },
  { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true, shortNames: ["po"] },
  {
    group: "projectcalico.org",
    version: "v3",
    plural: "globalnetworkpolicies",
    kind: "GlobalNetworkPolicy",
    namespaced: false,
    shortNames: ["gnp"],
  },
  {
    group: "projectcalico.org",
    version: "v3",
    plural: "networkpolicies",
    kind: "NetworkPolicy",
    namespaced: true,
    shortNames: ["cnp"],
  },
  {
    group: "projectcalico.org",
    version: "v3",
    plural: "hostendpoints",
    kind: "HostEndpoint",
    namespaced: false,
    shortNames: ["hep"],
  },
  { group: "projectcalico.org", version: "v3", plural: "tiers", kind: "Tier", namespaced: false },
];

export function apiVersionOf(t: ResourceType): string {
  return t.group === "" ? t.version : `${t.group}/${t.version}`;
}

export function findType(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.plural === plural);
}

export function typeOfKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
}
