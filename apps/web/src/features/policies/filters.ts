import type { PolicyKind, PolicySummary } from "@palisade/contract";
import { isStaged, policyKey } from "./policyKey";

/** Where a policy runs in Felix's chains (docs/calico-semantics.md section 4), plus "staged" (never enforces). */
export type Stage = "preDNAT" | "applyOnForward" | "doNotTrack" | "staged" | "normal";
export const STAGES: readonly Stage[] = ["doNotTrack", "preDNAT", "normal", "applyOnForward", "staged"];

/** The table's filters; every field lives in the URL's query string so a filtered view can be shared. */
export interface PolicyFilters {
  readonly kinds: readonly PolicyKind[];
  readonly namespace: string;
  readonly stage: Stage | "";
  readonly text: string;
  /** A host endpoint or workload endpoint name; only policies that apply to it remain. */
  readonly endpoint: string;
}

export const NO_FILTERS: PolicyFilters = { kinds: [], namespace: "", stage: "", text: "", endpoint: "" };

const KINDS: readonly PolicyKind[] = [
  "GlobalNetworkPolicy",
  "NetworkPolicy",
  "KubernetesNetworkPolicy",
  "StagedGlobalNetworkPolicy",
  "StagedNetworkPolicy",
  "StagedKubernetesNetworkPolicy",
];
export const POLICY_KINDS = KINDS;

function isKind(s: string): s is PolicyKind {
  return (KINDS as readonly string[]).includes(s);
}
function isStage(s: string): s is Stage {
  return (STAGES as readonly string[]).includes(s);
}

export function filtersFromSearch(search: URLSearchParams): PolicyFilters {
  const stage = search.get("stage") ?? "";
  return {
    kinds: search.getAll("kind").filter(isKind),
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

/** The stages a policy belongs to; a policy with none of the flags runs in the normal chains. */
export function stagesOf(p: Pick<PolicySummary, "kind" | "preDNAT" | "applyOnForward" | "doNotTrack">): Stage[] {
  const out: Stage[] = [];
  if (p.doNotTrack) out.push("doNotTrack");
  else if (p.preDNAT) out.push("preDNAT");
  else out.push("normal");
  if (p.applyOnForward) out.push("applyOnForward");
  if (isStaged(p.kind)) out.push("staged");
  return out;
}

function matchesText(p: PolicySummary, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === "") return true;
  return [p.name, p.namespace ?? "", p.selector, p.tier, p.kind].some((s) => s.toLowerCase().includes(needle));
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
      (filters.stage === "" || stagesOf(p).includes(filters.stage)) &&
      matchesText(p, filters.text) &&
      (filters.endpoint === "" || (appliesTo?.has(policyKey(p)) ?? false)),
  );
}

export function hasFilters(f: PolicyFilters): boolean {
  return f.kinds.length > 0 || f.namespace !== "" || f.stage !== "" || f.text !== "" || f.endpoint !== "";
}
