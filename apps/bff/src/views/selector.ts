import { type Endpoint, parseSelector } from "@palisade/calico";
import type { EndpointKind, SelectorResult } from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { HttpError } from "../errors";
import { perGeneration } from "./memo";
import { compareEndpoints, endpointRef } from "./refs";

/** Answers kept per cluster for its current generation, most recently asked last. */
const RECENT_ANSWERS = 64;

const recent = new WeakMap<Cluster, { generation: number; answers: Map<string, SelectorResult> }>();

/** Every endpoint in answer order, once per generation, so an answer is one pass and no sort. */
const sortedEndpoints = perGeneration((cluster: Cluster): readonly Endpoint[] =>
  [...cluster.model.index.endpoints()].sort(compareEndpoints),
);

/**
 * Which endpoints a selector matches, on their effective labels (own, then inherited profile labels;
 * docs/calico-semantics.md section 3). A selector that does not parse is a 400 `InvalidSelector` whose detail carries
 * the offset. The same question asked again before the cluster changes gets the same answer object, so its bytes
 * are made once (`sendView`): the selector playground's clients, and many of them, ask the same few selectors.
 */
export function selectorMatches(cluster: Cluster, text: string, limit: number, kind?: EndpointKind): SelectorResult {
  let memo = recent.get(cluster);
  if (memo === undefined || memo.generation !== cluster.generation) {
    memo = { generation: cluster.generation, answers: new Map() };
    recent.set(cluster, memo);
  }
  const key = `${kind ?? ""}\u0000${limit}\u0000${text}`;
  const hit = memo.answers.get(key);
  if (hit !== undefined) {
    memo.answers.delete(key);
    memo.answers.set(key, hit);
    return hit;
  }
  const answer = computeMatches(cluster, text, limit, kind);
  memo.answers.set(key, answer);
  if (memo.answers.size > RECENT_ANSWERS) memo.answers.delete(memo.answers.keys().next().value ?? key);
  return answer;
}

function computeMatches(cluster: Cluster, text: string, limit: number, kind?: EndpointKind): SelectorResult {
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
  const shown: Endpoint[] = [];
  let hostEndpoints = 0;
  let total = 0;
  for (const ep of sortedEndpoints(cluster)) {
    if (wanted !== undefined && ep.kind !== wanted) continue;
    const labels = index.effectiveLabels(ep.id);
    if (labels === undefined || !selector.evaluate(labels)) continue;
    total++;
    if (ep.kind === "host") hostEndpoints++;
    if (shown.length < limit) shown.push(ep);
  }
  return {
    selector: text,
    canonical: selector.toString(),
    items: shown.map((ep) => ({
      endpoint: endpointRef(ep),
      labels: Object.fromEntries(index.effectiveLabels(ep.id) ?? []),
    })),
    total,
    truncated: total > limit,
    totals: { hostEndpoints, workloadEndpoints: total - hostEndpoints },
  };
}
