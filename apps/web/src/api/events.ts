import { isPolicyKind } from "@palisade/calico";
import type { ServerEvent } from "@palisade/contract";
import type { CacheFamily } from "./queryKeys";

const ENDPOINT_RESOURCES = new Set(["HostEndpoint", "Pod", "Node", "Namespace", "ServiceAccount", "Profile"]);

/** What an endpoint's change can alter: every view of the model (a resync alters these and the cluster list). */
const ENDPOINT_FAMILIES: readonly CacheFamily[] = [
  "policies",
  "policy",
  "hostEndpoints",
  "hostEndpoint",
  "workloadEndpoints",
  "graph",
  "selector",
  "policySets",
  "explain",
];

/**
 * Which cached families a server event makes stale. A policy change alters policy rows, endpoint policy lists,
 * the graph, matched counts and every explanation (a verdict shown as "now" must be the cluster's now); an endpoint
 * change alters matches everywhere but never a policy's YAML; a network set changes what rules' nets match.
 */
export function familiesToInvalidate(event: ServerEvent): CacheFamily[] {
  if (event.type === "status") return ["clusters"];
  if (event.type === "resync") return ["clusters", ...ENDPOINT_FAMILIES];
  if (event.resource === "Tier" || isPolicyKind(event.resource))
    return [
      "policies",
      "policy",
      "hostEndpoints",
      "hostEndpoint",
      "workloadEndpoints",
      "graph",
      "policySets",
      "explain",
      // Whoever made the change (another tab, replica or tool), the history may have a new entry.
      "history",
    ];
  if (ENDPOINT_RESOURCES.has(event.resource)) return [...ENDPOINT_FAMILIES];
  if (event.resource === "GlobalNetworkSet" || event.resource === "NetworkSet") return ["policy", "explain"];
  return [];
}
