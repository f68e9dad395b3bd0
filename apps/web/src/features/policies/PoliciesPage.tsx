import { useQuery } from "@tanstack/react-query";
import { ErrorState, LoadingState } from "../../components/States";
import { PolicyTable } from "./PolicyTable";
import { policiesQuery } from "./queries";

export function PoliciesPage() {
  const { data, error, isPending, refetch } = useQuery(policiesQuery);
  return (
    <section aria-labelledby="policies-title">
      <h1 id="policies-title">Policies</h1>
      {isPending ? (
        <LoadingState what="policies" />
      ) : error !== null ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <p className="empty">This cluster has no Calico policies yet.</p>
      ) : (
        <PolicyTable policies={data.items} />
      )}
    </section>
  );
}
