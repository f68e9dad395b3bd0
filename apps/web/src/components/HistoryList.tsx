import { isPolicyKind, refLabel } from "@palisade/calico";
import { type AuditEntry, type HistoryOutcome, historyOutcome } from "@palisade/contract";
import { Link } from "react-router";
import { clusterPath } from "../shared/cluster";
import { policyPath } from "../shared/policyKey";

export const OUTCOME_LABEL: Record<HistoryOutcome, string> = {
  applied: "Applied",
  refused: "Refused",
  "rolled-back": "Rolled back",
};

const ACTION_LABEL: Record<AuditEntry["action"], string> = {
  create: "created",
  update: "updated",
  delete: "deleted",
  rollback: "restored (rollback)",
};

/** The editor opened on the object with this entry's version, to review (diff, dry run) and apply as any edit. */
export function restorePath(cluster: string, entry: AuditEntry): string {
  const { kind, name, namespace } = entry.object;
  const search = new URLSearchParams({
    kind,
    name,
    ...(namespace === undefined ? {} : { namespace }),
    restore: entry.id,
  });
  return `${clusterPath(cluster, "editor")}?${search}`;
}

/** Whether "restore this version" applies: a policy's version that was written, or deleted, successfully. */
function restorable(entry: AuditEntry): boolean {
  return entry.yaml !== undefined && isPolicyKind(entry.object.kind);
}

function when(time: string): string {
  const d = new Date(time);
  return Number.isNaN(d.getTime()) ? time : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

/** A unified diff, its added and removed lines marked. */
function DiffText({ diff }: { diff: string }) {
  const lines = diff.replace(/\n$/, "").split("\n");
  return (
    <pre className="code-block history-diff" data-testid="history-diff">
      {lines.map((line, i) => {
        const cls =
          line.startsWith("+") && !line.startsWith("+++")
            ? "add"
            : line.startsWith("-") && !line.startsWith("---")
              ? "del"
              : "";
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional and never reorder
          <span key={i} className={`code-line ${cls}`}>
            {line}
            {"\n"}
          </span>
        );
      })}
    </pre>
  );
}

interface Props {
  readonly cluster: string;
  readonly entries: readonly AuditEntry[];
  /** On a policy's own page the object column says nothing new. */
  readonly showObject?: boolean;
}

/** History entries, newest first: who, what, when, where and how it ended, each with its diff. */
export function HistoryList({ cluster, entries, showObject = true }: Props) {
  return (
    <ol className="history-list" aria-label="Changes">
      {entries.map((e) => {
        const outcome = historyOutcome(e);
        const policy = isPolicyKind(e.object.kind) ? { ...e.object, kind: e.object.kind } : undefined;
        return (
          <li key={e.id} className="history-entry" data-testid="history-entry" data-outcome={outcome}>
            <div className="history-head">
              <span className={`badge outcome-${outcome}`}>{OUTCOME_LABEL[outcome]}</span>
              <span className="history-what">
                <strong>{e.user}</strong> {ACTION_LABEL[e.action]}{" "}
                {showObject &&
                  (policy === undefined || e.action === "delete" ? (
                    <code>{refLabel(e.object)}</code>
                  ) : (
                    <Link to={policyPath(cluster, policy)}>
                      <code>{refLabel(e.object)}</code>
                    </Link>
                  ))}
              </span>
              <time className="muted" dateTime={e.time}>
                {when(e.time)}
              </time>
              <span className="muted">on {e.cluster}</span>
              {e.toResourceVersion !== null && <span className="muted">version {e.toResourceVersion}</span>}
              {restorable(e) && (
                <Link className="btn btn-small" to={restorePath(cluster, e)}>
                  Restore this version…
                </Link>
              )}
            </div>
            {e.message !== undefined && <p className="history-message">{e.message}</p>}
            <details>
              <summary>Diff</summary>
              {e.diff.trim() === "" ? <p className="muted">No change in the YAML.</p> : <DiffText diff={e.diff} />}
            </details>
          </li>
        );
      })}
    </ol>
  );
}
