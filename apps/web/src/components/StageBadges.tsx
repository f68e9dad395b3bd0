import type { Stage } from "@palisade/contract";

/**
 * A filterable stage: where Felix evaluates a policy (docs/calico-semantics.md section 4: untracked, preDNAT, normal,
 * forward) or "staged" for the staged kinds, which are shown but never enforce.
 */
export type StageFilter = Stage | "staged";

// docs/calico-semantics.md section 4: where Felix renders each policy.
const LABELS: Record<StageFilter, { text: string; title: string }> = {
  untracked: { text: "doNotTrack", title: "Untracked (doNotTrack): raw table, before connection tracking" },
  preDNAT: { text: "preDNAT", title: "Pre-DNAT: mangle PREROUTING, ingress only, before NodePort/LB translation" },
  normal: { text: "normal", title: "Normal host endpoint / workload chains (filter table)" },
  forward: { text: "applyOnForward", title: "applyOnForward: also applies to traffic forwarded through the host" },
  staged: { text: "staged", title: "Staged: evaluated for reporting only, never enforces" },
};

/** One badge per stage, colour-coded consistently in the table, the graph legend and the endpoint views. */
export function StageBadges({ stages, showNormal = false }: { stages: readonly StageFilter[]; showNormal?: boolean }) {
  return (
    <span className="badges">
      {stages
        .filter((s) => showNormal || s !== "normal")
        .map((s) => (
          <span key={s} className={`badge stage-${s}`} title={LABELS[s].title}>
            {LABELS[s].text}
          </span>
        ))}
    </span>
  );
}

export function stageLabel(stage: StageFilter): string {
  return LABELS[stage].text;
}
