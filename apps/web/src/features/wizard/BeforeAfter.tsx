import type { ExplainRequest } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { ErrorState, LoadingState } from "../../components/States";
import { explain } from "../explain/api";
import { TraceView } from "../explain/TraceView";

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
  const before = useQuery({
    queryKey: ["explain", cluster, request],
    queryFn: ({ signal }) => explain(cluster, request, signal),
    retry: false,
  });
  const after = useQuery({
    queryKey: ["explain", cluster, request, proposedYaml],
    queryFn: ({ signal }) => explain(cluster, { ...request, proposedYaml }, signal),
    retry: false,
  });
  return (
    <div className="grid-2 before-after" data-testid="before-after">
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
  );
}
