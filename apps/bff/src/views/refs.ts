import type { Endpoint, MatchIndex } from "@palisade/calico";
import type { EndpointMatches, EndpointRef } from "@palisade/contract";

/** How many endpoints a list in a view spells out; totals are always exact. */
export const MATCH_CAP = 200;

export function endpointRef(ep: Endpoint): EndpointRef {
  return {
    id: ep.id,
    kind: ep.kind === "host" ? "HostEndpoint" : "WorkloadEndpoint",
    name: ep.name,
    ...(ep.namespace === undefined ? {} : { namespace: ep.namespace }),
    ...(ep.node === undefined ? {} : { node: ep.node }),
  };
}

/** Endpoint ids as refs, host endpoints first, then by id, capped. Ids that are not endpoints are skipped. */
export function endpointMatches(index: MatchIndex, ids: Iterable<string>, cap = MATCH_CAP): EndpointMatches {
  const endpoints: Endpoint[] = [];
  for (const id of ids) {
    const ep = index.endpoint(id);
    if (ep !== undefined) endpoints.push(ep);
  }
  endpoints.sort(compareEndpoints);
  return {
    items: endpoints.slice(0, cap).map(endpointRef),
    total: endpoints.length,
    truncated: endpoints.length > cap,
  };
}

export function compareEndpoints(a: Endpoint, b: Endpoint): number {
  if (a.kind !== b.kind) return a.kind === "host" ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Host and workload endpoint counts among ids. */
export function countEndpoints(ids: Iterable<string>): { hostEndpoints: number; workloadEndpoints: number } {
  let hostEndpoints = 0;
  let workloadEndpoints = 0;
  // By prefix, not by parsing: the policy list counts millions of ids at 100k endpoints.
  for (const id of ids) {
    if (id.startsWith("hep/")) hostEndpoints++;
    else if (id.startsWith("wep/")) workloadEndpoints++;
  }
  return { hostEndpoints, workloadEndpoints };
}
