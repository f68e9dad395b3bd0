import { useQuery } from "@tanstack/react-query";
import { Navigate } from "react-router";
import { clustersQuery } from "../api/shellQueries";
import { ErrorState, LoadingState } from "../components/States";
import { clusterPath } from "../shared/cluster";

/** `/` opens the server's default cluster (the kubeconfig's current context, or the demo cluster). */
export function RootRedirect() {
  const { data, error, refetch } = useQuery(clustersQuery);
  if (error !== null) {
    return (
      <main className="shell-main">
        <ErrorState error={error} onRetry={() => void refetch()} />
      </main>
    );
  }
  if (data === undefined) return <LoadingState what="clusters" />;
  return <Navigate to={clusterPath(data.default, "policies")} replace />;
}
