import type { ExplainRequest, ExplainResult } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { explainQuery } from "../../api/queries";
import { ErrorState, LoadingState } from "../../components/States";
import { TraceView } from "../../components/trace/TraceView";
import { podDropsAfterHost } from "./podVerdict";

/** The same packet explained against the cluster as it is and as it would be with `proposedYaml` applied. */
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
  return (
    <div data-testid="before-after">
      {after.data === undefined ? null : <PodDropsHint after={after.data} />}
      <div className="grid-2 before-after">
        {before.isPending ? (
          <LoadingState what="current verdict" />
        ) : before.error !== null ? (
          <ErrorState error={before.error} />
        ) : (
          <TraceView cluster={cluster} result={before.data} title="Now" />
        )}
        {after.isPending ? (
          <LoadingState what="verdict after applying" />
        ) : after.error !== null ? (
          <ErrorState error={after.error} />
        ) : (
          <TraceView cluster={cluster} result={after.data} title="After applying" />
        )}
      </div>
    </div>
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
