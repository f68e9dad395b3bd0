import { apiPaths, type FlowBatch, type FlowPolicyHit, type FlowRow, type FlowSourceStatus } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { flowQuery, flowsQuery } from "../../api/queries";
import { EmptyState, ErrorState, LoadingState } from "../../components/States";
import { TraceView } from "../../components/trace/TraceView";
import { clusterPath, useCluster } from "../../shared/cluster";
import { parsePolicyKey, policyPath } from "../../shared/policyKey";
import {
  decidingHit,
  directionOf,
  endpointLabel,
  explainSearch,
  type FlowFilters,
  filtersFromSearch,
  filtersToSearch,
  hitLabel,
  mergeFlowRows,
  portOf,
  RANGES,
  timeOf,
  toFlowQuery,
} from "./filters";
import { RuleHitsPanel } from "./RuleHitsPanel";

/** Rows the table shows (newest first); live mode keeps at most this many. */
const SHOWN = 300;

const AGREEMENT_TEXT = { agree: "agrees", disagree: "disagrees", unknown: "cannot tell" } as const;
const AGREEMENT_CLASS = { agree: "verdict-allow", disagree: "verdict-deny", unknown: "verdict-undetermined" } as const;

function SourceLine({ source }: { source: FlowSourceStatus }) {
  const what =
    source.kind === "goldmane"
      ? `Goldmane${source.address === undefined ? "" : ` at ${source.address}`}`
      : source.kind === "demo"
        ? "the demo's flow source"
        : "no flow source";
  const window =
    source.oldest === undefined || source.newest === undefined
      ? ""
      : `, ${timeOf(source.oldest)} to ${timeOf(source.newest)}`;
  return (
    <p className={source.status === "error" ? "state error" : "muted"} role="status" data-testid="flow-source">
      Flows from {what}: <strong>{source.status}</strong>
      {source.message === undefined ? "" : ` (${source.message})`}. Holding {source.held.toLocaleString()} of at most{" "}
      {source.capacity.toLocaleString()}
      {window}.
    </p>
  );
}

/** A policy hit as a link to the policy's page when Palisade has the policy. */
function HitLink({
  cluster,
  hit,
  direction,
}: {
  cluster: string;
  hit: FlowPolicyHit;
  direction: "ingress" | "egress";
}) {
  const key = hit.policy ?? hit.trigger?.policy;
  const ref = key === undefined ? undefined : parsePolicyKey(key);
  const text = hitLabel(hit, direction);
  return ref === undefined ? <span>{text}</span> : <Link to={policyPath(cluster, ref)}>{text}</Link>;
}

function FlowsFilterBar({ filters, onChange }: { filters: FlowFilters; onChange: (f: FlowFilters) => void }) {
  const portError = portOf(filters.port).error;
  const text = (k: "endpoint" | "namespace" | "policy", label: string, placeholder: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        type="search"
        value={filters[k]}
        placeholder={placeholder}
        onChange={(e) => onChange({ ...filters, [k]: e.target.value })}
      />
    </label>
  );
  return (
    <search className="toolbar" aria-label="Filter flows">
      <label className="field">
        <span>Time</span>
        <select
          value={filters.range}
          onChange={(e) =>
            onChange({ ...filters, range: RANGES.find((r) => r.value === e.target.value)?.value ?? "15" })
          }
        >
          {RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {text("endpoint", "Endpoint", "name, e.g. nginx")}
      {text("namespace", "Namespace", "any")}
      {text("policy", "Policy", "name or key")}
      <label className="field">
        <span>Action</span>
        <select
          value={filters.action}
          onChange={(e) =>
            onChange({
              ...filters,
              action:
                e.target.value === "Allow" || e.target.value === "Deny" || e.target.value === "Pass"
                  ? e.target.value
                  : "",
            })
          }
        >
          <option value="">any</option>
          <option>Allow</option>
          <option>Deny</option>
          <option>Pass</option>
        </select>
      </label>
      <label className="field">
        <span>Port</span>
        <input
          value={filters.port}
          inputMode="numeric"
          size={6}
          aria-invalid={portError !== undefined}
          onChange={(e) => onChange({ ...filters, port: e.target.value })}
        />
        {portError !== undefined && <span className="field-error">{portError}</span>}
      </label>
    </search>
  );
}

/** One flow: Calico's verdict and trace beside Palisade's explain of the same packet. */
function FlowDetailPanel({ cluster, id, onClose }: { cluster: string; id: string; onClose: () => void }) {
  const detail = useQuery(flowQuery(cluster, id));
  if (detail.isPending) return <LoadingState what="flow" />;
  if (detail.error !== null) return <ErrorState error={detail.error} />;
  const { flow, check, request, palisade } = detail.data;
  const direction = directionOf(flow);
  return (
    <section className="panel flow-detail" aria-label="Flow" data-testid="flow-detail">
      <header className="row">
        <h2>
          {endpointLabel(flow.source)} → {endpointLabel(flow.destination)} {flow.protocol}
          {flow.port > 0 ? `/${flow.port}` : ""}
        </h2>
        <button type="button" className="btn btn-link toolbar-actions" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="grid-2">
        <div>
          <h3>Calico (Goldmane)</h3>
          <p>
            <span className={`verdict ${flow.action === "Allow" ? "verdict-allow" : "verdict-deny"}`}>
              {flow.action}
            </span>{" "}
            reported by the {flow.reporter === "Dst" ? "destination (ingress policy)" : "source (egress policy)"},{" "}
            {timeOf(flow.startTime)}–{timeOf(flow.endTime)}
            {flow.service === undefined ? "" : `, via Service ${flow.service.namespace}/${flow.service.name}`}
          </p>
          <h4>Policy trace</h4>
          {flow.enforced.length === 0 ? (
            <p className="muted">No policy rule acted (failsafe, or no policy applies).</p>
          ) : (
            <ol className="flow-trace" data-testid="calico-trace">
              {flow.enforced.map((h) => (
                <li
                  key={`${h.policyIndex}-${h.kind}-${h.name}-${h.ruleIndex}`}
                  className={h === decidingHit(flow) ? "deciding" : undefined}
                >
                  <HitLink cluster={cluster} hit={h} direction={direction} />
                  {h === decidingHit(flow) && <span className="count-chip">decided</span>}
                </li>
              ))}
            </ol>
          )}
          {flow.pending.length > 0 && (
            <>
              <h4>Staged policies would have</h4>
              <ul className="flow-trace">
                {flow.pending.map((h) => (
                  <li key={`${h.policyIndex}-${h.kind}-${h.name}-${h.ruleIndex}`}>
                    <HitLink cluster={cluster} hit={h} direction={direction} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="muted small">
            {flow.connectionsStarted} connections, {flow.packetsIn + flow.packetsOut} packets,{" "}
            {flow.bytesIn + flow.bytesOut} bytes
          </p>
        </div>
        <div>
          <h3>Palisade</h3>
          <p>
            <span className={`verdict ${AGREEMENT_CLASS[check.agreement]}`} data-testid="agreement">
              {AGREEMENT_TEXT[check.agreement]}
            </span>{" "}
            {check.agreement === "agree" ? (check.summary ?? "") : ""}
          </p>
          {check.notes.map((n) => (
            <p key={n} className={check.agreement === "disagree" ? "state error" : "muted"}>
              {n}
            </p>
          ))}
          {request !== undefined && (
            <Link className="btn" to={`${clusterPath(cluster, "explain")}?${explainSearch(request).toString()}`}>
              Open in Explain
            </Link>
          )}
        </div>
      </div>
      {palisade !== undefined && (
        <TraceView cluster={cluster} result={palisade} title="Palisade's explain of this packet" />
      )}
    </section>
  );
}

function FlowTable({
  cluster,
  rows,
  selected,
  onSelect,
}: {
  cluster: string;
  rows: readonly FlowRow[];
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  if (rows.length === 0) return <EmptyState>No flows match.</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="data flows" aria-label="Flows, newest first">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Source</th>
            <th scope="col">Destination</th>
            <th scope="col">Port</th>
            <th scope="col">Calico</th>
            <th scope="col">Deciding rule</th>
            <th scope="col">Palisade</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ flow, check }) => {
            const hit = decidingHit(flow);
            return (
              <tr
                key={flow.id}
                data-testid="flow-row"
                className={
                  [selected === flow.id ? "selected" : "", check.agreement === "disagree" ? "disagree" : ""]
                    .join(" ")
                    .trim() || undefined
                }
              >
                <td className="num muted">{timeOf(flow.startTime)}</td>
                <td>{endpointLabel(flow.source)}</td>
                <td>{endpointLabel(flow.destination)}</td>
                <td className="num">
                  {flow.protocol}
                  {flow.port > 0 ? `/${flow.port}` : ""}
                </td>
                <td>
                  <button
                    type="button"
                    className={`verdict ${flow.action === "Allow" ? "verdict-allow" : "verdict-deny"}`}
                    aria-label={`${flow.action}: show this flow`}
                    onClick={() => onSelect(flow.id)}
                  >
                    {flow.action}
                  </button>{" "}
                  <span className="muted small">{flow.reporter === "Dst" ? "ingress" : "egress"}</span>
                </td>
                <td className="small">
                  {hit === undefined ? (
                    <span className="muted">none</span>
                  ) : (
                    <HitLink cluster={cluster} hit={hit} direction={directionOf(flow)} />
                  )}
                </td>
                <td>
                  <span
                    className={`verdict ${AGREEMENT_CLASS[check.agreement]}`}
                    title={[check.summary, ...check.notes].filter(Boolean).join(" ")}
                  >
                    {AGREEMENT_TEXT[check.agreement]}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Live rows: the newest held flows, then every batch the stream sends, newest first. */
function useLiveFlows(cluster: string, query: ReturnType<typeof toFlowQuery>, enabled: boolean) {
  const [rows, setRows] = useState<FlowRow[]>([]);
  const [source, setSource] = useState<FlowSourceStatus | undefined>(undefined);
  const key = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the query's content
  useEffect(() => {
    if (!enabled) return;
    setRows([]);
    const es = new EventSource(apiPaths.flowStream(cluster, query));
    es.addEventListener("source", (e) => setSource(JSON.parse((e as MessageEvent<string>).data) as FlowSourceStatus));
    es.addEventListener("flows", (e) => {
      const batch = JSON.parse((e as MessageEvent<string>).data) as FlowBatch;
      setRows((old) => mergeFlowRows(old, batch.items, SHOWN));
    });
    return () => es.close();
  }, [cluster, key, enabled]);
  return { rows, source };
}

/**
 * Flows Calico reported (Goldmane's, or the demo's own), live or over a time range, filtered; each with Calico's
 * verdict and deciding rule beside whether Palisade's explain of the same packet agrees. The filters and the flow
 * shown live in the URL.
 */
export function FlowsPage() {
  const cluster = useCluster();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const selected = search.get("flow") ?? undefined;
  const [tab, setTab] = useState<"flows" | "hits">(search.get("tab") === "hits" ? "hits" : "flows");
  const live = filters.range === "live";
  // The look-back is taken from when the filters changed, not every render.
  const filterKey = filtersToSearch(filters).toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the filters change
  const query = useMemo(() => toFlowQuery(filters, Math.floor(Date.now() / 1000)), [filterKey]);
  const held = useQuery({ ...flowsQuery(cluster, { ...query, limit: SHOWN }), refetchInterval: live ? false : 10_000 });
  const stream = useLiveFlows(cluster, query, live);
  const rows = live && stream.rows.length > 0 ? stream.rows : (held.data?.items ?? []);
  const source = (live ? stream.source : undefined) ?? held.data?.source;
  const setFilters = (f: FlowFilters) => setSearch(filtersToSearch(f, selected), { replace: true });
  const select = (id: string | undefined) => setSearch(filtersToSearch(filters, id), { replace: true });
  const disagreements = rows.filter((r) => r.check.agreement === "disagree").length;
  return (
    <section className="page" aria-labelledby="flows-title">
      <header className="page-head">
        <h1 id="flows-title">Flows</h1>
        <p className="muted">What Calico did to real traffic, beside what Palisade's explain says the policies do.</p>
      </header>
      {source !== undefined && <SourceLine source={source} />}
      <div className="tabs" role="tablist" aria-label="Flows views">
        <button
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === "flows"}
          onClick={() => setTab("flows")}
        >
          Flows
        </button>
        <button type="button" role="tab" className="tab" aria-selected={tab === "hits"} onClick={() => setTab("hits")}>
          Rule hits
        </button>
      </div>
      {tab === "hits" ? (
        <RuleHitsPanel cluster={cluster} />
      ) : (
        <>
          <FlowsFilterBar filters={filters} onChange={setFilters} />
          {selected !== undefined && (
            <FlowDetailPanel cluster={cluster} id={selected} onClose={() => select(undefined)} />
          )}
          {held.isPending && <LoadingState what="flows" />}
          {held.error !== null && <ErrorState error={held.error} onRetry={() => void held.refetch()} />}
          {held.data !== undefined && (
            <>
              <p className="muted small" aria-live="polite">
                {live ? "Live: new flows appear as Calico reports them. " : ""}
                Showing {rows.length} of {held.data.matched.toLocaleString()} matching flows
                {disagreements > 0 ? `; ${disagreements} where Palisade disagrees` : ""}.
              </p>
              <FlowTable cluster={cluster} rows={rows} selected={selected} onSelect={(id) => select(id)} />
            </>
          )}
        </>
      )}
    </section>
  );
}
