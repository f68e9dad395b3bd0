import { parseEndpointId } from "@palisade/calico";
import type { GraphGroup, GraphInterface, GraphModel, PolicySummary } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useDeferredValue, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { graphQuery, hostEndpointQuery, policiesQuery, policyQuery } from "../../api/queries";
import { StagePolicyLists } from "../../components/StagePolicyLists";
import { EmptyState, ErrorState, LoadingState } from "../../components/States";
import { useCluster } from "../../shared/cluster";
import { parsePolicyKey, policyPath } from "../../shared/policyKey";
import { useDocumentTheme } from "../../shared/useTheme";
import { useUrlText } from "../../shared/useUrlText";
import { toggleExpansion } from "./expansion";
import { GraphLegend } from "./GraphLegend";
import { expandToken, policyHighlights, toElements } from "./toElements";

// Cytoscape is only in this chunk.
const CytoscapeGraph = lazy(() => import("./CytoscapeGraph").then((m) => ({ default: m.CytoscapeGraph })));

export function GraphPage() {
  const cluster = useCluster();
  const theme = useDocumentTheme();
  const [search, setSearch] = useSearchParams();
  const policyKey = search.get("policy") ?? "";
  const focus = search.get("focus") ?? "";
  const [text, setText] = useUrlText("q");
  const deferredText = useDeferredValue(text);
  const update = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value === "") next.delete(key);
    else next.set(key, value);
    setSearch(next, { replace: true });
  };

  // Namespaces expanded or collapsed by the reader; absent means the server's default (all in a small cluster).
  const expandParam = search.get("expand") ?? undefined;
  const graph = useQuery(graphQuery(cluster, expandParam));
  const policyRef = parsePolicyKey(policyKey);
  const policy = useQuery({
    ...policyQuery(cluster, policyRef?.kind ?? "GlobalNetworkPolicy", policyRef?.name ?? "", policyRef?.namespace),
    enabled: policyRef !== undefined,
  });
  const highlights = useMemo(
    () => (policy.data === undefined ? undefined : policyHighlights(policy.data)),
    [policy.data],
  );
  const elements = useMemo(
    () => (graph.data === undefined ? [] : toElements(graph.data, { highlights, search: deferredText })),
    [graph.data, highlights, deferredText],
  );

  const nodeNames = useMemo(() => new Map((graph.data?.nodes ?? []).map((n) => [n.id, n.name])), [graph.data]);
  if (graph.isPending) return <LoadingState what="graph" />;
  if (graph.error !== null) return <ErrorState error={graph.error} onRetry={() => void graph.refetch()} />;
  const model = graph.data;
  const toggle = (token: string) => update("expand", toggleExpansion(model.groups, token));
  const namespaces = model.groups.filter((g) => g.workload === undefined);
  return (
    <section className="page page-fill graph-page" aria-labelledby="graph-title">
      <header className="page-head">
        <h1 id="graph-title">Graph</h1>
        <span className="muted">
          {model.nodes.length} nodes · {model.interfaces.length} interfaces ·{" "}
          {namespaces.reduce((n, g) => n + g.pods, 0)} pods in {namespaces.length} namespaces · {model.policyCount}{" "}
          policies
        </span>
      </header>
      <div className="graph-layout">
        <div className="graph-main">
          {model.nodes.length + model.interfaces.length + model.groups.length === 0 ? (
            <EmptyState>This cluster reports no nodes, host endpoints or pods.</EmptyState>
          ) : (
            <Suspense fallback={<LoadingState what="graph renderer" />}>
              <CytoscapeGraph
                elements={elements}
                theme={theme}
                selected={focus || undefined}
                onPick={(id) => update("focus", id ?? "")}
                onExpand={toggle}
                reveal={expandParam}
              />
            </Suspense>
          )}
        </div>
        <aside className="graph-side" aria-label="Graph controls">
          <label className="field">
            <span>Search</span>
            <input type="search" value={text} placeholder="name, IP, label" onChange={(e) => setText(e.target.value)} />
          </label>
          <PolicyPicker
            cluster={cluster}
            count={model.policyCount}
            value={policyKey}
            onChange={(key) => update("policy", key)}
          />
          {/* The canvas answers only to the pointer: this list reaches every interface and pod from the keyboard. */}
          <label className="field">
            <span>Interface or pod (or click one)</span>
            <select
              value={parseEndpointId(focus) === undefined ? "" : focus}
              onChange={(e) => update("focus", e.target.value)}
            >
              <option value="">none</option>
              <optgroup label="Interfaces">
                {model.interfaces.map((i) => (
                  <option key={i.id} value={i.id} title={`${i.name} · ${i.ips.join(", ")}`}>
                    {interfaceOption(i, nodeNames)}
                  </option>
                ))}
              </optgroup>
              {model.pods.length > 0 && (
                <optgroup label="Pods">
                  {model.pods.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.namespace}/{p.name} · {p.ips.join(", ")}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </label>
          <GraphLegend theme={theme} />
          {policyRef !== undefined && (
            <div className="side-block">
              {policy.isPending ? (
                <LoadingState what="policy" />
              ) : policy.error !== null ? (
                <ErrorState error={policy.error} />
              ) : (
                <p className="small">
                  <Link to={policyPath(cluster, policyRef)}>{policyRef.name}</Link> applies to{" "}
                  <strong>{policy.data.appliesTo.total}</strong> endpoints. {policy.data.summary.summary}
                </p>
              )}
            </div>
          )}
          <GroupList groups={model.groups} onToggle={toggle} onAll={(open) => update("expand", open ? "*" : "-")} />
          <FocusPanel cluster={cluster} model={model} focus={focus} />
        </aside>
      </div>
    </section>
  );
}

const PICKER_LIMIT = 50;
const NO_POLICIES: readonly PolicySummary[] = [];

/**
 * A searchable policy picker: a select of 15,000 options is unusable, so it lists the first matches of the text. The
 * graph does not carry the policies; the policy list (the table's, so often already here) is fetched once the picker
 * is used or a policy is picked.
 */
function PolicyPicker({
  cluster,
  count,
  value,
  onChange,
}: {
  cluster: string;
  count: number;
  value: string;
  onChange: (key: string) => void;
}) {
  const [text, setText] = useState("");
  const [wanted, setWanted] = useState(value !== "");
  const list = useQuery({ ...policiesQuery(cluster), enabled: wanted || value !== "" });
  const policies: readonly PolicySummary[] = list.data?.items ?? NO_POLICIES;
  const needle = text.trim().toLowerCase();
  const matches = useMemo(() => {
    const hits = policies.filter(
      (p) => needle === "" || p.name.toLowerCase().includes(needle) || p.namespace?.toLowerCase().includes(needle),
    );
    return { total: hits.length, shown: hits.slice(0, PICKER_LIMIT) };
  }, [policies, needle]);
  const picked = policies.find((p) => p.key === value);
  const shown = picked === undefined || matches.shown.includes(picked) ? matches.shown : [picked, ...matches.shown];
  return (
    <fieldset className="field graph-picker">
      <legend>Light up a policy</legend>
      <input
        type="search"
        aria-label="Find a policy to light up"
        placeholder={`name or namespace (${count} policies)`}
        value={text}
        onFocus={() => setWanted(true)}
        onChange={(e) => setText(e.target.value)}
      />
      <select
        aria-label="Policy to light up"
        value={value}
        onFocus={() => setWanted(true)}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">none</option>
        {shown.map((p) => (
          <option key={p.key} value={p.key}>
            {p.order ?? "–"} · {p.name}
            {p.namespace === undefined ? "" : ` (${p.namespace})`}
          </option>
        ))}
      </select>
      {matches.total > matches.shown.length && (
        <span className="small muted">
          first {matches.shown.length} of {matches.total}; type to narrow
        </span>
      )}
    </fieldset>
  );
}

/**
 * Namespaces with their pod counts, and under an open one its workloads; each opens or closes like its cell on the
 * canvas (the keyboard way in).
 */
function GroupList({
  groups,
  onToggle,
  onAll,
}: {
  groups: readonly GraphGroup[];
  onToggle: (token: string) => void;
  onAll: (open: boolean) => void;
}) {
  const namespaces = groups.filter((g) => g.workload === undefined);
  if (namespaces.length === 0) return null;
  const item = (g: GraphGroup, name: string) => (
    <button type="button" className="btn-link" aria-expanded={g.expanded} onClick={() => onToggle(expandToken(g))}>
      {g.expanded ? "▾" : "▸"} {name} · {g.pods} {g.pods === 1 ? "pod" : "pods"}
    </button>
  );
  return (
    <details className="side-block graph-groups" data-testid="graph-groups">
      <summary>Namespaces ({namespaces.length})</summary>
      <div className="row graph-groups-actions">
        <button type="button" className="btn" onClick={() => onAll(true)}>
          Expand all
        </button>
        <button type="button" className="btn" onClick={() => onAll(false)}>
          Collapse all
        </button>
      </div>
      <ul>
        {namespaces.map((ns) => {
          const workloads = groups.filter((g) => g.workload !== undefined && g.namespace === ns.namespace);
          return (
            <li key={ns.id}>
              {item(ns, ns.namespace)}
              {workloads.length > 0 && (
                <ul className="graph-workloads">
                  {workloads.map((w) => (
                    <li key={w.id}>
                      {item(w, `${w.workload?.kind === "app" ? "" : `${w.workload?.kind} `}${w.workload?.name}`)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

/**
 * An interface as the picker lists it, short enough for the side panel and read as the graph draws it: node,
 * interface, addresses (the host endpoint's full name is the option's tooltip and the panel's heading).
 */
function interfaceOption(i: GraphInterface, nodeNames: ReadonlyMap<string, string>): string {
  const node = i.node === undefined ? undefined : nodeNames.get(i.node);
  if (node === undefined || i.interfaceName === undefined) return i.name;
  return [node, i.interfaceName, ...(i.ips.length === 0 ? [] : [i.ips.join(", ")])].join(" · ");
}

/** The picked interface's policies per stage, or a picked pod's identity. */
function FocusPanel({ cluster, model, focus }: { cluster: string; model: GraphModel; focus: string }) {
  const parsed = parseEndpointId(focus);
  const hep = useQuery({
    ...hostEndpointQuery(cluster, parsed?.kind === "hep" ? parsed.name : ""),
    enabled: parsed?.kind === "hep",
  });
  if (parsed === undefined)
    return <p className="muted small">Pick or click an interface to list its policies per stage.</p>;
  if (parsed.kind === "wep") {
    const pod = model.pods.find((p) => p.id === focus);
    return (
      <div className="side-block" data-testid="focus-panel">
        <h2>
          Pod {parsed.namespace}/{parsed.name}
        </h2>
        <p className="small">{pod?.ips.join(", ")}</p>
      </div>
    );
  }
  return (
    <div className="side-block" data-testid="focus-panel">
      <h2>
        <Link to={`/c/${encodeURIComponent(cluster)}/hostendpoints/${encodeURIComponent(parsed.name)}`}>
          {parsed.name}
        </Link>
      </h2>
      {hep.isPending ? (
        <LoadingState what="policies" />
      ) : hep.error !== null ? (
        <ErrorState error={hep.error} />
      ) : (
        <>
          <p className="small muted">
            {hep.data.summary.interfaceName ?? "any interface"} · {hep.data.summary.expectedIPs.join(", ")}
          </p>
          <StagePolicyLists cluster={cluster} policies={hep.data.policies} />
        </>
      )}
    </div>
  );
}
