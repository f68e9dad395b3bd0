import type { Stage } from "../features/policies/filters";

const LABELS: Record<Stage, { text: string; title: string }> = {
  doNotTrack: { text: "doNotTrack", title: "Untracked: raw table, before connection tracking" },
  preDNAT: { text: "preDNAT", title: "Pre-DNAT: mangle PREROUTING, ingress only, before NodePort/LB translation" },
  normal: { text: "normal", title: "Normal host endpoint / workload chains" },
  applyOnForward: { text: "applyOnForward", title: "Also applies to traffic forwarded through the host" },
  staged: { text: "staged", title: "Staged: evaluated for reporting only, never enforces" },
};

/** One badge per stage, colour-coded consistently in the table, the graph legend and the endpoint views. */
export function StageBadges({ stages, showNormal = false }: { stages: readonly Stage[]; showNormal?: boolean }) {
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
