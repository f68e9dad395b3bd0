import { refLabel } from "@palisade/calico";
import type { DiffResult } from "@palisade/contract";
import { Suspense } from "react";
import { LazyMonacoDiff } from "../../components/monaco/lazy";
import { LoadingState } from "../../components/States";
import type { Theme } from "../../shared/theme";

/** Each document of the editor's text against the cluster's version of it. */
export function DiffPanel({ diff, theme }: { diff: DiffResult; theme: Theme }) {
  return (
    <section className="panel" aria-labelledby="diff-title" data-testid="diff-result">
      <h2 id="diff-title">Changes against the cluster</h2>
      {diff.documents.map((d) => (
        <div key={d.index} className="diff-doc">
          <p>
            <span className={`badge action-${d.action === "unchanged" ? "Log" : "Allow"}`}>{d.action}</span>{" "}
            <strong>{refLabel(d.ref)}</strong>
            {d.liveResourceVersion !== null && <span className="muted"> live version {d.liveResourceVersion}</span>}
          </p>
          {d.action !== "unchanged" && (
            <Suspense fallback={<LoadingState what="diff" />}>
              <LazyMonacoDiff
                original={d.liveYaml ?? ""}
                modified={d.proposedYaml}
                theme={theme}
                label={`Diff of ${refLabel(d.ref)}`}
              />
            </Suspense>
          )}
        </div>
      ))}
    </section>
  );
}
