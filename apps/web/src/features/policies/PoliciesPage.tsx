import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { EmptyState, ErrorState, LoadingState } from "../../components/States";
import { filterPolicies, filtersFromSearch, filtersToSearch, hasFilters, NO_FILTERS } from "./filters";
import { PolicyFiltersBar } from "./PolicyFiltersBar";
import { PolicyTable } from "./PolicyTable";
import { policiesQuery } from "./queries";

export function PoliciesPage() {
  const { data, error, isPending, refetch } = useQuery(policiesQuery);
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const namespaces = useMemo(
    () => [...new Set((data?.items ?? []).flatMap((p) => (p.namespace === undefined ? [] : [p.namespace])))].sort(),
    [data],
  );
  const rows = useMemo(() => {
    const all = (data?.items ?? []).map((policy, position) => ({ policy, position }));
    const kept = new Set(
      filterPolicies(
        all.map((r) => r.policy),
        filters,
      ),
    );
    return all.filter((r) => kept.has(r.policy));
  }, [data, filters]);

  return (
    <section className="page page-fill" aria-labelledby="policies-title">
      <header className="page-head">
        <h1 id="policies-title">Policies</h1>
        <p className="muted">Evaluation order: tier, then order (unset last), then name.</p>
        {data !== undefined && (
          <span className="count" data-testid="policy-count">
            {rows.length === data.items.length
              ? `${data.items.length} policies`
              : `${rows.length} of ${data.items.length}`}
          </span>
        )}
      </header>
      <PolicyFiltersBar
        filters={filters}
        namespaces={namespaces}
        onChange={(next) => setSearch(filtersToSearch(next), { replace: true })}
      />
      {isPending ? (
        <LoadingState what="policies" />
      ) : error !== null ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <EmptyState>This cluster has no Calico or Kubernetes network policies yet.</EmptyState>
      ) : rows.length === 0 && hasFilters(filters) ? (
        <EmptyState>
          No policy matches these filters.{" "}
          <button type="button" className="btn-link" onClick={() => setSearch(filtersToSearch(NO_FILTERS))}>
            Clear filters
          </button>
        </EmptyState>
      ) : (
        <PolicyTable rows={rows} />
      )}
    </section>
  );
}
