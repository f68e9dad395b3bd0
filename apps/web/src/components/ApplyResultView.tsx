import { refLabel } from "@palisade/calico";
import type { ApplyResult, DocumentOutcome } from "@palisade/contract";

const OUTCOME_TEXT: Record<ApplyResult["outcome"], string> = {
  applied: "Applied.",
  "dry-run": "Dry run passed: the cluster would accept every document. Nothing was written.",
  rejected: "Nothing was written.",
  "rolled-back": "A write failed part-way; everything written was restored.",
  "rollback-failed": "A write failed part-way and the restore failed for some objects. Check them now.",
};

function Outcome({ d }: { d: DocumentOutcome }) {
  const ok = d.status === "ok" || d.status === "unchanged";
  return (
    <li data-testid="document-outcome" data-status={d.status}>
      <span className={`badge ${ok ? "verdict-allow" : "verdict-deny"}`}>{d.status}</span>{" "}
      <strong>{refLabel(d.ref)}</strong> <span className="muted">{d.action}</span>
      {d.message !== undefined && <span> · {d.message}</span>}
      {d.details !== undefined && d.details.length > 0 && (
        <ul className="small">
          {d.details.map((x) => (
            <li key={`${x.path}:${x.message}`}>
              <code>{x.path}</code>: {x.message}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

// Each result its own number: a second dry run that reads exactly like the first is still announced.
const resultIds = new WeakMap<ApplyResult, number>();
let lastResultId = 0;
function resultId(result: ApplyResult): number {
  const known = resultIds.get(result);
  if (known !== undefined) return known;
  lastResultId += 1;
  resultIds.set(result, lastResultId);
  return lastResultId;
}

/**
 * Where the result of an apply or dry run appears. The live region is there before any result: a region inserted
 * already filled is not announced, so the result would reach screen reader users only if they went looking.
 */
export function ApplyResultRegion({ result }: { result: ApplyResult | undefined }) {
  return (
    <div aria-live="polite" data-testid="apply-result-region">
      {result !== undefined && <ApplyResultView key={resultId(result)} result={result} />}
    </div>
  );
}

/** The outcome of a dry run or apply, document by document. */
export function ApplyResultView({ result }: { result: ApplyResult }) {
  const good = result.outcome === "applied" || result.outcome === "dry-run";
  return (
    <section
      className={`state ${good ? "ok" : "error"} result`}
      data-testid="apply-result"
      data-outcome={result.outcome}
    >
      <strong>{OUTCOME_TEXT[result.outcome]}</strong>
      <ul className="outcomes">
        {result.documents.map((d) => (
          <Outcome key={`${d.index}`} d={d} />
        ))}
      </ul>
      {result.warnings.map((w) => (
        <p key={w.message} className="small">
          ⚠ {w.message}
        </p>
      ))}
    </section>
  );
}
