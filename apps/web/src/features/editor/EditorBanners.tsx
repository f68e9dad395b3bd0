import { ActionButton } from "../../components/ActionButton";
import { describeDraft } from "../../shared/drafts";

interface Props {
  /** Why applying is refused (read-only server, missing permission), once known. */
  readonly applyBlocked: string | undefined;
  /** The view that handed the text over, until the user switches drafts. */
  readonly from: string | undefined;
  /** The text is the tab's unsaved draft from an earlier visit. */
  readonly restored: boolean;
  readonly draftKept: boolean;
  readonly aside: string | undefined;
  readonly onSwitchToAside: () => void;
  readonly onDiscardAside: () => void;
  /** Fields both the user and the cluster's change edited, after a rebase. */
  readonly clashes: readonly string[];
  /** The object changed in the cluster since it was opened; `liveNow` is its version now (null: unreadable). */
  readonly drifted: boolean;
  readonly liveNow: string | null | undefined;
}

/** What the editor tells the user about the session, above the toolbar. */
export function EditorBanners(p: Props) {
  return (
    <>
      {p.applyBlocked !== undefined && p.applyBlocked !== "Checking permissions…" && (
        <p className="state warn" role="status" data-testid="read-only">
          Read-only: {p.applyBlocked}
        </p>
      )}
      {p.from !== undefined && (
        <p className="state ok" role="status" data-testid="handoff">
          Opened from {p.from}; nothing has been applied.
        </p>
      )}
      {p.restored && p.from === undefined && p.aside === undefined && (
        <p className="muted small" role="status" data-testid="draft-restored">
          Your unsaved draft from earlier in this tab. Choose a template to start over.
        </p>
      )}
      {!p.draftKept && (
        <p className="state warn" role="status" data-testid="draft-not-kept">
          This browser does not keep drafts here (storage full or turned off): leaving the page loses this text.
        </p>
      )}
      {p.aside !== undefined && (
        <div className="state warn" role="status" data-testid="draft-aside">
          <span>Another unsaved draft ({describeDraft(p.aside)}) is kept aside.</span>
          <ActionButton onClick={p.onSwitchToAside}>Switch to it</ActionButton>
          <ActionButton onClick={p.onDiscardAside}>Discard it</ActionButton>
        </div>
      )}
      {p.clashes.length > 0 && (
        <p className="state warn" role="status" data-testid="rebase-clashes">
          Rebased onto the cluster's version. Where you and the other change both edited the same field, your value was
          kept: {p.clashes.join(", ")}. Review, then apply.
        </p>
      )}
      {p.drifted && (
        <p className="state warn" role="status" data-testid="drift">
          {p.liveNow === null
            ? "This object can no longer be read from the cluster (deleted?)."
            : `Changed in the cluster since you opened it (now version ${p.liveNow}).`}{" "}
          Your edits are kept; applying will show both versions so you can rebase.
        </p>
      )}
    </>
  );
}
