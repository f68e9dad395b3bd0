import { parseSelector } from "@palisade/calico";
import type { EndpointKind, SelectorResult } from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { HttpError } from "../errors";
import { compareEndpoints, endpointRef } from "./refs";

/**
 * Which endpoints a selector matches, on their effective labels (own, then inherited profile labels;
 * docs/calico-semantics.md section 3). A selector that does not parse is a 400 `InvalidSelector` whose detail carries
 * the offset.
 */
export function selectorMatches(cluster: Cluster, text: string, limit: number, kind?: EndpointKind): SelectorResult {
  const parsed = parseSelector(text);
  if (!parsed.ok) {
    throw new HttpError(
      "InvalidSelector",
      // People count characters from 1, as editors count columns; the detail's `offset` stays 0-based data.
      `the selector does not parse at character ${parsed.error.offset + 1}: ${parsed.error.message}`,
      [{ path: "selector", message: parsed.error.message, offset: parsed.error.offset }],
    );
  }
  const selector = parsed.value;
  const index = cluster.model.index;
  const wanted = kind === undefined ? undefined : kind === "HostEndpoint" ? "host" : "workload";
  const matches = [...index.endpoints()].filter((ep) => {
    if (wanted !== undefined && ep.kind !== wanted) return false;
    const labels = index.effectiveLabels(ep.id);
    return labels !== undefined && selector.evaluate(labels);
  });
  matches.sort(compareEndpoints);
  const hostEndpoints = matches.filter((m) => m.kind === "host").length;
  return {
    selector: text,
    canonical: selector.toString(),
    items: matches.slice(0, limit).map((ep) => ({
      endpoint: endpointRef(ep),
      labels: Object.fromEntries(index.effectiveLabels(ep.id) ?? []),
    })),
    total: matches.length,
    truncated: matches.length > limit,
    totals: { hostEndpoints, workloadEndpoints: matches.length - hostEndpoints },
  };
}
