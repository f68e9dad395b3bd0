import { refLabel } from "@palisade/calico";
import type { ApplyResult, DiffResult, DocumentDiff } from "@palisade/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { applyYaml, diffYaml } from "../../api/documents";
import { cacheFamilies } from "../../api/queryKeys";
import { ActionButton } from "../../components/ActionButton";
import { ApplyResultView } from "../../components/ApplyResultView";
import { ConnectivityPanel } from "../../components/ConnectivityPanel";
import { StagedToggle } from "../../components/StagedToggle";
import { ErrorState } from "../../components/States";
import { useWriteBlocked } from "../../shared/useWriteBlocked";
import { patchLines, reviewedVersions } from "./review";

interface Review {
  /** The YAML reviewed: a confirm applies exactly this, and any later edit asks for a new review. */
  readonly yaml: string;
  /** Reviewed as staged policies (saved as their staged kinds: reported, not enforced). */
  readonly asStaged: boolean;
  readonly diff: DiffResult;
  readonly dryRun: ApplyResult;
}

/**
 * The wizard's apply, beside its YAML: first a review (the change against the cluster and the cluster's dry run of
 * it), then an explicit confirm that writes what was reviewed, at the versions the review showed.
 */
export function ReviewApply({
  cluster,
  yaml,
  unavailable,
  stageable = true,
}: {
  cluster: string;
  yaml: string;
  unavailable?: string;
  /** Offers saving as staged policies; not for what has no staged kind (a Tier). */
  stageable?: boolean;
}) {
  const client = useQueryClient();
  const applyBlocked = useWriteBlocked("apply");
  const dryRunBlocked = useWriteBlocked("dry-run");
  const [asStaged, setAsStaged] = useState(false);
  const review = useMutation({
    mutationFn: async ({ text, staged }: { text: string; staged: boolean }): Promise<Review> => {
      const [diff, dryRun] = await Promise.all([
        diffYaml(cluster, text, staged),
        applyYaml(cluster, text, [], true, staged),
      ]);
      return { yaml: text, asStaged: staged, diff, dryRun };
    },
  });
  const apply = useMutation({
    mutationFn: (r: Review) => applyYaml(cluster, r.yaml, reviewedVersions(r.diff), false, r.asStaged),
    onSuccess: (r) => {
      if (r.outcome !== "applied") return;
      // The "now" side of the preview is the cluster as it is: it changed.
      for (const family of [cacheFamilies.policies, cacheFamilies.policy, cacheFamilies.explain])
        void client.invalidateQueries({ queryKey: family(cluster) });
    },
  });
  const current = review.data?.yaml === yaml && review.data.asStaged === asStaged ? review.data : undefined;
  const result = apply.variables?.yaml === yaml ? apply.data : undefined;
  const step = result !== undefined ? "result" : current !== undefined ? "review" : "start";
  const stepRoot = useFocusOnStep(step);
  const start = () => {
    apply.reset();
    review.mutate({ text: yaml, staged: asStaged });
  };

  if (result !== undefined) {
    return (
      <div className="review" data-testid="wizard-review" ref={stepRoot} tabIndex={-1}>
        <ApplyResultView result={result} />
        {result.outcome !== "applied" && (
          <ActionButton onClick={start} disabledReason={dryRunBlocked} hideReason>
            Review again
          </ActionButton>
        )}
      </div>
    );
  }
  if (current === undefined) {
    return (
      <div className="review" ref={stepRoot} tabIndex={-1}>
        <div className="actions">
          <ActionButton
            variant="primary"
            disabledReason={unavailable ?? dryRunBlocked}
            disabled={review.isPending}
            onClick={start}
            title="Shows what changes in the cluster and dry-runs it; nothing is written until you confirm"
          >
            {review.isPending ? "Reviewing…" : asStaged ? "Review and apply as staged…" : "Review and apply…"}
          </ActionButton>
          {stageable && <StagedToggle checked={asStaged} onChange={setAsStaged} />}
        </div>
        {review.data !== undefined && !review.isPending && (
          <p className="muted small" data-testid="review-outdated">
            The YAML changed since the last review: review it again.
          </p>
        )}
        {review.error !== null && <ErrorState error={review.error} />}
      </div>
    );
  }
  const dryRunFailed = current.dryRun.outcome !== "dry-run";
  return (
    <section className="review" data-testid="wizard-review" aria-labelledby="review-title" ref={stepRoot} tabIndex={-1}>
      <h3 id="review-title">{current.asStaged ? "Review before saving as staged" : "Review before applying"}</h3>
      <ul className="review-docs">
        {current.diff.documents.map((d) => (
          <ReviewDocument key={d.index} d={d} />
        ))}
      </ul>
      <ApplyResultView result={current.dryRun} />
      <ConnectivityPanel cluster={cluster} yaml={current.yaml} level={3} />
      <div className="actions">
        <ActionButton
          variant="primary"
          disabledReason={
            applyBlocked ?? (dryRunFailed ? "The dry run failed: fix the YAML, then review again" : undefined)
          }
          disabled={apply.isPending}
          onClick={() => apply.mutate(current)}
        >
          {apply.isPending ? "Applying…" : "Confirm apply"}
        </ActionButton>
        <ActionButton onClick={() => review.reset()} disabled={apply.isPending}>
          Cancel
        </ActionButton>
      </div>
      {apply.error !== null && <ErrorState error={apply.error} />}
    </section>
  );
}

/**
 * Each step (start, review, result) replaces the last, taking the button just pressed with it: the focus would fall
 * to <body>. It goes to the new step instead, whose content a screen reader then reads.
 */
function useFocusOnStep(step: string) {
  const root = useRef<HTMLDivElement>(null);
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    const active = document.activeElement;
    if (active === null || active === document.body || root.current?.contains(active) === true) root.current?.focus();
  }, [step]);
  return root;
}

const ACTION_TEXT: Record<DocumentDiff["action"], string> = {
  create: "new: nothing by this name in the cluster yet",
  update: "changes the cluster's version",
  unchanged: "the cluster already has exactly this",
};

/** One document of the review: what applying does to it, and the lines that change. */
function ReviewDocument({ d }: { d: DocumentDiff }) {
  const lines = d.action === "update" ? patchLines(d.patch) : [];
  return (
    <li data-testid="review-document" data-action={d.action}>
      <span className={`badge action-${d.action === "unchanged" ? "Log" : "Allow"}`}>{d.action}</span>{" "}
      <strong>{refLabel(d.ref)}</strong> <span className="muted">{ACTION_TEXT[d.action]}</span>
      {d.liveResourceVersion !== null && <span className="muted"> (live version {d.liveResourceVersion})</span>}
      {lines.length > 0 && (
        <pre className="patch" title={`Changes to ${refLabel(d.ref)}`}>
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional and never reorder
            <span key={i} className={`patch-${l.kind}`}>
              {l.text}
              {"\n"}
            </span>
          ))}
        </pre>
      )}
    </li>
  );
}
