import { parseEndpointId } from "@palisade/calico";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { endpointPoliciesQuery, flowHitsQuery, hostEndpointsQuery, policiesQuery } from "../../api/queries";
import { EmptyState, ErrorState, LoadingState } from "../../components/States";
import { clusterPath, useCluster } from "../../shared/cluster";
import { hitsByPolicy } from "../../shared/hits";
import { useUrlText } from "../../shared/useUrlText";
import { DuplicateNames } from "./DuplicateNames";
import { filterPolicies, filtersFromSearch, filtersToSearch, hasFilters, NO_FILTERS, policyKeysOf } from "./filters";
import { PolicyFiltersBar } from "./PolicyFiltersBar";
import { PolicyTable } from "./PolicyTable";
import { TierStrip } from "./TierStrip";

export function PoliciesPage() {
  const cluster = useCluster();
  const { data, error, isPending, refetch } = useQuery(policiesQuery(cluster));
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const [text, setText] = useUrlText("q");
  // The table follows the search box as it is typed (filtering 2,000 summaries takes milliseconds, and a deferred
  // value keeps typing responsive); only the URL waits for a pause.
  const typed = useDeferredValue(text);
  const [endpointText, setEndpointText] = useUrlText("endpoint");
  const endpoints = useQuery(hostEndpointsQuery(cluster));
  const hits = useQuery(flowHitsQuery(cluster));
  const hitsByKey = useMemo(() => hitsByPolicy(hits.data?.items ?? []), [hits.data]);
  const endpointIds = useMemo(() => (endpoints.data?.items ?? []).map((e) => e.ref.id), [endpoints.data]);
  // Query only complete ids: a known host endpoint, or any well-formed pod id (pods are not listed up front).
  const parsed = parseEndpointId(filters.endpoint);
  const endpointPolicies = useQuery({
    ...endpointPoliciesQuery(cluster, filters.endpoint),
    enabled: parsed !== undefined && (parsed.kind === "wep" || endpointIds.includes(filters.endpoint)),
  });
  const appliesTo = useMemo(
    () => (endpointPolicies.data === undefined ? undefined : policyKeysOf(endpointPolicies.data)),
    [endpointPolicies.data],
  );
  const namespaces = useMemo(
    () => [...new Set((data?.items ?? []).flatMap((p) => (p.namespace === undefined ? [] : [p.namespace])))].sort(),
    [data],
  );
  const shown = useMemo(() => ({ ...filters, text: typed }), [filters, typed]);
  const missingTiers = useMemo(
    () => new Set((data?.tiers ?? []).filter((t) => !t.exists).map((t) => t.name)),
    [data?.tiers],
  );
  const rows = useMemo(() => {
    const all = (data?.items ?? []).map((policy, position) => ({ policy, position }));
    const kept = new Set(
      filterPolicies(
        all.map((r) => r.policy),
        shown,
        appliesTo,
      ),
    );
    return all.filter((r) => kept.has(r.policy));
  }, [data, shown, appliesTo]);

  return (
    <section className="page page-fill" aria-labelledby="policies-title">
      <header className="page-head">
        <h1 id="policies-title">Policies</h1>
        <p className="muted">In evaluation order: tier, then order (unset last), then name.</p>
        <Link to={clusterPath(cluster, "policy-sets")} data-testid="policy-sets-link">
          Isolate the cluster with IBM's policy sets
        </Link>
        <Link to={clusterPath(cluster, "staged")} data-testid="staged-link">
          Staged policies
        </Link>
        {data !== undefined && (
          <span className="count" role="status" data-testid="policy-count">
            {rows.length === data.items.length
              ? `${data.items.length} policies`
              : `${rows.length} of ${data.items.length} policies`}
          </span>
        )}
      </header>
      <DuplicateNames cluster={cluster} />
      {data !== undefined && <TierStrip cluster={cluster} tiers={data.tiers} />}
      <PolicyFiltersBar
        filters={{ ...filters, text, endpoint: endpointText }}
        namespaces={namespaces}
        endpointIds={endpointIds}
        onChange={(next) => {
          setText(next.text);
          setEndpointText(next.endpoint);
          setSearch(filtersToSearch({ ...next, text: filters.text, endpoint: filters.endpoint }), { replace: true });
        }}
      />
      {endpointPolicies.error !== null && <ErrorState error={endpointPolicies.error} />}
      {isPending ? (
        <LoadingState what="policies" />
      ) : error !== null ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <EmptyState>This cluster has no Calico or Kubernetes network policies yet.</EmptyState>
      ) : endpointPolicies.fetchStatus === "fetching" && endpointPolicies.isPending ? (
        <LoadingState what={`policies of ${filters.endpoint}`} />
      ) : rows.length === 0 && hasFilters(shown) ? (
        <EmptyState>
          No policy matches these filters.{" "}
          <button type="button" className="btn-link" onClick={() => setSearch(filtersToSearch(NO_FILTERS))}>
            Clear filters
          </button>
        </EmptyState>
      ) : (
        <PolicyTable cluster={cluster} rows={rows} hits={hitsByKey} missingTiers={missingTiers} />
      )}
    </section>
  );
}
