import { isPolicyKind } from "@palisade/calico";
import type { ServerEvent } from "@palisade/contract";
import type { CacheFamily } from "./queryKeys";

const ENDPOINT_RESOURCES = new Set(["HostEndpoint", "Pod", "Node", "Namespace", "ServiceAccount", "Profile"]);

/**
 * Which cached families a server event makes stale. A policy change alters policy rows, endpoint policy lists,
 * the graph and matched counts; an endpoint change alters matches everywhere but never a policy's YAML.
 */
export function familiesToInvalidate(event: ServerEvent): CacheFamily[] {
  if (event.type === "status") return ["clusters"];
  if (event.type === "resync")
    return [
      "clusters",
      "policies",
      "policy",
      "hostEndpoints",
      "hostEndpoint",
      "workloadEndpoints",
      "graph",
      "selector",
      "policySets",
    ];
  if (event.resource === "Tier" || isPolicyKind(event.resource))
    return ["policies", "policy", "hostEndpoints", "hostEndpoint", "workloadEndpoints", "graph", "policySets"];
  if (ENDPOINT_RESOURCES.has(event.resource))
    return [
      "policies",
      "policy",
      "hostEndpoints",
      "hostEndpoint",
      "workloadEndpoints",
      "graph",
      "selector",
      "policySets",
    ];
  if (event.resource === "GlobalNetworkSet" || event.resource === "NetworkSet") return ["policy"];
  return [];
}
