import type { ExplainRequest, ExplainResult } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { explainQuery } from "../../api/queries";
import { stageLabel } from "../../components/StageBadges";
import { ErrorState, LoadingState } from "../../components/States";
import { TraceView } from "../../components/trace/TraceView";
import { parsePolicyKey, policyPath } from "../../shared/policyKey";
import { type HostDecision, hostChanged, hostDecision } from "./hostChange";
import { podDropsAfterHost } from "./podVerdict";

/**
 * The same packet explained against the cluster as it is and as it would be with `proposedYaml` applied: first what
 * changes at the host endpoint (where the wizard's policy acts), then the end-to-end verdict and why, then the traces.
 */
export function BeforeAfter({
  cluster,
  request,
  proposedYaml,
}: {
  cluster: string;
  request: ExplainRequest;
  proposedYaml: string;
}) {
  const before = useQuery(explainQuery(cluster, request));
  const after = useQuery(explainQuery(cluster, request, proposedYaml));
  const refreshing = (before.isFetching && before.data !== undefined) || (after.isFetching && after.data !== undefined);
  return (
    <div data-testid="before-after">
      {before.error !== null ? (
        <ErrorState error={before.error} />
      ) : after.error !== null ? (
        <ErrorState error={after.error} />
      ) : before.data === undefined || after.data === undefined ? (
        <LoadingState what="verdicts" />
      ) : (
        <>
          <ChangeSummary cluster={cluster} before={before.data} after={after.data} />
          {refreshing && (
            <p className="muted small" role="status">
              Refreshing from the cluster…
            </p>
          )}
          <PodDropsHint after={after.data} />
          <details className="traces">
            <summary>Full traces, step by step</summary>
            <div className="grid-2 before-after">
              <TraceView cluster={cluster} result={before.data} title="Now" />
              <TraceView cluster={cluster} result={after.data} title="After applying" />
            </div>
          </details>
        </>
      )}
    </div>
  );
}

const VERDICT_TEXT: Record<ExplainResult["verdict"], string> = {
  allow: "Allowed",
  deny: "Denied",
  undetermined: "Undetermined",
};

/** Now against after, the host endpoint's decision first, as a two-column table. */
function ChangeSummary({ cluster, before, after }: { cluster: string; before: ExplainResult; after: ExplainResult }) {
  const hostBefore = hostDecision(before);
  const hostAfter = hostDecision(after);
  const changed = hostChanged(hostBefore, hostAfter);
  return (
    <table className="data change-summary" data-testid="change-summary">
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">Where</span>
          </th>
          <th scope="col">Now</th>
          <th scope="col">After applying</th>
        </tr>
      </thead>
      <tbody>
        {hostAfter !== undefined && (
          <tr data-testid="host-change" data-changed={changed}>
            <th scope="row">
              At host endpoint {hostAfter.endpoint}{" "}
              <span className={`badge ${changed ? "action-Allow" : "action-Log"}`}>
                {changed ? "changes" : "no change"}
              </span>
            </th>
            <td>
              <HostText cluster={cluster} d={hostBefore} />
            </td>
            <td>
              <HostText cluster={cluster} d={hostAfter} />
            </td>
          </tr>
        )}
        <tr data-testid="end-to-end" data-changed={before.verdict !== after.verdict}>
          <th scope="row">End to end</th>
          <td>
            <strong className={`badge verdict-${before.verdict}`}>{VERDICT_TEXT[before.verdict]}</strong>
            <div className="muted small">{before.summary}</div>
          </td>
          <td>
            <strong className={`badge verdict-${after.verdict}`}>{VERDICT_TEXT[after.verdict]}</strong>
            <div className="muted small">{after.summary}</div>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

const HOST_OUTCOME: Record<HostDecision["outcome"], string> = {
  allow: "Let through",
  deny: "Dropped",
  undetermined: "Undetermined",
  none: "No host policy decides; it goes on",
};

function HostText({ cluster, d }: { cluster: string; d: HostDecision | undefined }) {
  if (d === undefined) return <span className="muted">does not reach it</span>;
  const ref = d.policy === undefined ? undefined : parsePolicyKey(d.policy);
  return (
    <span>
      <strong className={d.outcome === "none" ? "muted" : `badge verdict-${d.outcome}`}>
        {HOST_OUTCOME[d.outcome]}
      </strong>
      {ref !== undefined && (
        <>
          {" by "}
          <Link to={policyPath(cluster, ref)}>{ref.name}</Link>
          {d.rule !== undefined && ` rule ${d.rule}`}
        </>
      )}
      {d.reason !== undefined && ` ${d.reason}`}
      {d.stage !== undefined && <span className="muted"> ({stageLabel(d.stage)} stage)</span>}
    </span>
  );
}

/** Says so when the host lets the packet through but the pod behind the Service still refuses it. */
function PodDropsHint({ after }: { after: ExplainResult }) {
  const hint = podDropsAfterHost(after);
  if (hint === undefined) return null;
  const policies = hint.policies.length === 0 ? "its namespace and service-account profiles" : hint.policies.join(", ");
  return (
    <p className="state warn" role="note" data-testid="pod-drops-hint">
      {`The host endpoint lets this packet through, but pod ${hint.pod} still drops it in its own ingress policy ` +
        `(${policies}). Calico evaluates the pod's policy after the host's, whatever the host decided: for this ` +
        "client to reach the pod, that policy must allow it too."}
    </p>
  );
}
