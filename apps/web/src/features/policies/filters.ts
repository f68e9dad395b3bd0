import { isPolicyKind } from "@palisade/calico";
import type { PolicyKind, PolicySummary, StagePolicies } from "@palisade/contract";
import type { StageFilter } from "../../components/StageBadges";

export const STAGE_FILTERS: readonly StageFilter[] = ["untracked", "preDNAT", "normal", "forward", "staged"];

/** The table's filters; every field lives in the URL's query string so a filtered view can be shared. */
export interface PolicyFilters {
  readonly kinds: readonly PolicyKind[];
  readonly namespace: string;
  readonly stage: StageFilter | "";
  readonly text: string;
  /** An endpoint id (`hep/<name>` or `wep/<namespace>/<pod>`); only policies that apply to it remain. */
  readonly endpoint: string;
}

export const NO_FILTERS: PolicyFilters = { kinds: [], namespace: "", stage: "", text: "", endpoint: "" };

function isStage(s: string): s is StageFilter {
  return (STAGE_FILTERS as readonly string[]).includes(s);
}

export function filtersFromSearch(search: URLSearchParams): PolicyFilters {
  const stage = search.get("stage") ?? "";
  return {
    kinds: search.getAll("kind").filter(isPolicyKind),
    namespace: search.get("namespace") ?? "",
    stage: isStage(stage) ? stage : "",
    text: search.get("q") ?? "",
    endpoint: search.get("endpoint") ?? "",
  };
}

/** The inverse of filtersFromSearch; empty filters are left out so the default view has a clean URL. */
export function filtersToSearch(f: PolicyFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of f.kinds) out.append("kind", k);
  if (f.namespace !== "") out.set("namespace", f.namespace);
  if (f.stage !== "") out.set("stage", f.stage);
  if (f.text !== "") out.set("q", f.text);
  if (f.endpoint !== "") out.set("endpoint", f.endpoint);
  return out;
}

function matchesStage(p: PolicySummary, stage: StageFilter): boolean {
  return stage === "staged" ? p.staged : p.stages.includes(stage);
}

function matchesText(p: PolicySummary, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === "") return true;
  return [p.name, p.calicoName ?? "", p.namespace ?? "", p.selector, p.tier, p.kind, p.summary].some((s) =>
    s.toLowerCase().includes(needle),
  );
}

/**
 * Keeps the rows that pass every filter, in their original (evaluation) order. `appliesTo` holds the policy keys
 * that apply to `filters.endpoint`; when the endpoint filter is set but that set is not known yet, nothing passes.
 */
export function filterPolicies<P extends PolicySummary>(
  rows: readonly P[],
  filters: PolicyFilters,
  appliesTo?: ReadonlySet<string>,
): P[] {
  return rows.filter(
    (p) =>
      (filters.kinds.length === 0 || filters.kinds.includes(p.kind)) &&
      (filters.namespace === "" || (p.namespace ?? "") === filters.namespace) &&
      (filters.stage === "" || matchesStage(p, filters.stage)) &&
      matchesText(p, filters.text) &&
      (filters.endpoint === "" || (appliesTo?.has(p.key) ?? false)),
  );
}

export function hasFilters(f: PolicyFilters): boolean {
  return f.kinds.length > 0 || f.namespace !== "" || f.stage !== "" || f.text !== "" || f.endpoint !== "";
}

/** Every policy key in an endpoint's per-stage lists. */
export function policyKeysOf(stages: StagePolicies): Set<string> {
  return new Set([...stages.untracked, ...stages.preDNAT, ...stages.normal, ...stages.forward].map((p) => p.key));
}
