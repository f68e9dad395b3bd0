import { refLabel } from "@palisade/calico";
import type { Conflict, ResourceRef } from "@palisade/contract";
import { Suspense } from "react";
import { LazyMonacoDiff } from "../../components/monaco/lazy";
import { LoadingState } from "../../components/States";
import type { Theme } from "../../shared/theme";

interface Props {
  readonly ref_: ResourceRef;
  readonly conflict: Conflict;
  readonly theme: Theme;
  /** Replay the user's edits onto the live version (the next apply replaces exactly that version). */
  readonly onRebase: () => void;
  /** Drop the user's edits and load the live version. */
  readonly onTakeLive: () => void;
}

/** A concurrent change: both versions side by side, and the two ways forward. */
export function ConflictPanel({ ref_, conflict, theme, onRebase, onTakeLive }: Props) {
  return (
    <section className="panel conflict" role="alert" aria-labelledby="conflict-title" data-testid="conflict">
      <h2 id="conflict-title">Conflict: {refLabel(ref_)} changed in the cluster</h2>
      <p className="small">
        You edited version <code>{conflict.expectedResourceVersion ?? "(new)"}</code>; the cluster now has{" "}
        <code>{conflict.liveResourceVersion ?? "(deleted)"}</code>. Nothing was written. Left: the cluster's version.
        Right: yours.
      </p>
      <Suspense fallback={<LoadingState what="diff" />}>
        <LazyMonacoDiff
          original={conflict.liveYaml ?? ""}
          modified={conflict.proposedYaml}
          theme={theme}
          label="Cluster version against yours"
        />
      </Suspense>
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onRebase}>
          Rebase my edits onto the cluster's version
        </button>
        <button type="button" className="btn" onClick={onTakeLive}>
          Discard mine, load the cluster's version
        </button>
      </div>
    </section>
  );
}
