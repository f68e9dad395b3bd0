import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { graphQuery, policiesQuery } from "../../api/queries";
import { EmptyState, ErrorState, LoadingState } from "../../components/States";
import { useCluster } from "../../shared/cluster";
import { useUrlText } from "../../shared/useUrlText";
import { buildSelectorMatrix } from "./matrix";
import { SelectorMatrixView } from "./SelectorMatrixView";
import { SelectorPlayground } from "./SelectorPlayground";

/** The selector review: a playground for one selector, and every policy selector against every host endpoint. */
export function SelectorsPage() {
  const cluster = useCluster();
  const [selector, setSelector] = useUrlText("s", 0);
  const policies = useQuery(policiesQuery(cluster));
  // Host endpoints and the policies applying to them; no pod is needed.
  const graph = useQuery(graphQuery(cluster, "-", true));
  const matrix = useMemo(
    () =>
      policies.data === undefined || graph.data === undefined
        ? undefined
        : buildSelectorMatrix(policies.data.items, graph.data.edges, graph.data.interfaces),
    [policies.data, graph.data],
  );
  const nodeNames = useMemo(() => new Map((graph.data?.nodes ?? []).map((n) => [n.id, n.name])), [graph.data]);
  const error = policies.error ?? graph.error;
  return (
    <section className="page" aria-labelledby="selectors-title">
      <header className="page-head">
        <h1 id="selectors-title">Selectors</h1>
        <p className="muted">What each selector matches, live from the cluster's labels.</p>
      </header>
      <SelectorPlayground cluster={cluster} selector={selector} onChange={setSelector} />
      <section className="panel" aria-labelledby="matrix-title">
        <h2 id="matrix-title">Policy selectors × host endpoints</h2>
        {error !== null ? (
          <ErrorState
            error={error}
            onRetry={() => {
              void policies.refetch();
              void graph.refetch();
            }}
          />
        ) : matrix === undefined ? (
          <LoadingState what="matrix" />
        ) : matrix.columns.length === 0 ? (
          <EmptyState>No host endpoints in this cluster.</EmptyState>
        ) : matrix.rows.length === 0 ? (
          <EmptyState>No policy selector matches any host endpoint.</EmptyState>
        ) : (
          <SelectorMatrixView cluster={cluster} matrix={matrix} nodeNames={nodeNames} onTry={setSelector} />
        )}
      </section>
    </section>
  );
}
