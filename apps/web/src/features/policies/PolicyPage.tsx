import { isLoggableKind, POLICY_KINDS } from "@palisade/calico";
import type { PolicyDetail, ResourceRef, RuleView } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { isNotFound } from "../../api/client";
import { historyQuery, policyQuery } from "../../api/queries";
import { Breadcrumb } from "../../components/Breadcrumb";
import { CodeBlock } from "../../components/CodeBlock";
import { DeletePolicy } from "../../components/DeletePolicy";
import { EndpointList } from "../../components/EndpointList";
import { EnforcementBadge } from "../../components/EnforcementBadge";
import { HistoryList } from "../../components/HistoryList";
import { PolicyTraffic } from "../../components/PolicyTraffic";
import { StageBadges } from "../../components/StageBadges";
import { ErrorState, LoadingState, NotFoundState } from "../../components/States";
import { clusterPath, useCluster } from "../../shared/cluster";
import { DuplicateNames } from "./DuplicateNames";
import { KIND_SHORT } from "./PolicyTable";

/** One policy: what it is, its rules in words, the endpoints it applies to, and its YAML. */
export function PolicyPage() {
  const cluster = useCluster();
  const params = useParams();
  const [search] = useSearchParams();
  const kind = POLICY_KINDS.find((k) => k === params.kind);
  const name = params.name ?? "";
  const namespace = search.get("namespace") ?? undefined;
  const { data, error, isPending, refetch } = useQuery({
    ...policyQuery(cluster, kind ?? "GlobalNetworkPolicy", name, namespace),
    enabled: kind !== undefined,
  });
  if (kind === undefined) return <ErrorState error={new Error(`"${params.kind}" is not a policy kind`)} />;
  if (isPending) return <LoadingState what={`policy ${name}`} />;
  if (isNotFound(error)) {
    return (
      <NotFoundState title="Policy not found">
        {kind} {namespace === undefined ? "" : `${namespace}/`}
        {name} does not exist in {cluster}; it may have been deleted or renamed.{" "}
        <Link to={clusterPath(cluster, "policies")}>Back to the policies</Link>
      </NotFoundState>
    );
  }
  if (error !== null) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return <PolicyView cluster={cluster} detail={data} />;
}

function PolicyView({ cluster, detail }: { cluster: string; detail: PolicyDetail }) {
  const navigate = useNavigate();
  const p = detail.summary;
  // A policy of a kind this release does not enforce applies to nothing; its page shows what it would select.
  const would = detail.wouldApplyTo;
  const editorSearch = new URLSearchParams({
    kind: p.kind,
    name: p.name,
    ...(p.namespace ? { namespace: p.namespace } : {}),
  });
  const ref = { kind: p.kind, name: p.name, ...(p.namespace === undefined ? {} : { namespace: p.namespace }) };
  return (
    <article className="page" aria-labelledby="policy-title">
      <Breadcrumb
        trail={[{ to: clusterPath(cluster, "policies"), label: "Policies" }]}
        current={p.namespace === undefined ? p.name : `${p.namespace}/${p.name}`}
      />
      <header className="page-head">
        <h1 id="policy-title">{p.name}</h1>
        <span className="badge kind-badge" title={p.kind}>
          {KIND_SHORT[p.kind]}
        </span>
        <StageBadges stages={p.staged ? [...p.stages, "staged"] : p.stages} showNormal />
        <EnforcementBadge enforcement={p.enforcement} />
        {p.calicoName !== undefined && (
          <span className="muted">
            Calico name <code>{p.calicoName}</code>
          </span>
        )}
      </header>
      <div className="actions">
        <Link className="btn btn-primary" to={`${clusterPath(cluster, "editor")}?${editorSearch}`}>
          Edit YAML
        </Link>
        {isLoggableKind(p.kind) && (
          <Link className="btn" to={`${clusterPath(cluster, "wizard")}?mode=log&policy=${encodeURIComponent(p.key)}`}>
            Log denied packets…
          </Link>
        )}
        <Link className="btn" to={`${clusterPath(cluster, "graph")}?policy=${encodeURIComponent(p.key)}`}>
          Show in graph
        </Link>
        <DeletePolicy
          cluster={cluster}
          target={ref}
          resourceVersion={p.resourceVersion}
          onDeleted={() => navigate(clusterPath(cluster, "policies"))}
        />
      </div>
      <DuplicateNames cluster={cluster} only={ref} />
      {detail.warnings.map((w) => (
        <p key={w} className="state warn">
          {w}
        </p>
      ))}
      <div className="grid-2">
        <section className="panel" aria-labelledby="facts-title">
          <h2 id="facts-title">Where it sits</h2>
          <dl className="facts">
            <dt>Namespace</dt>
            <dd>{p.namespace ?? "global"}</dd>
            <dt>Tier</dt>
            <dd>{p.tier}</dd>
            <dt>Order</dt>
            <dd>{p.order ?? "unset (evaluated last in its tier)"}</dd>
            <dt>Types</dt>
            <dd>{p.types.join(", ")}</dd>
            <dt>Selector</dt>
            <dd>
              <code>{p.selector === "" ? "all()" : p.selector}</code>
            </dd>
            <dt>Summary</dt>
            <dd>{p.summary}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="applies-title">
          <h2 id="applies-title">
            {would === undefined ? "Applies to" : "Would apply to"}{" "}
            <span className="muted">({(would ?? detail.appliesTo).total})</span>
            {would !== undefined && (
              <>
                {" "}
                <span className="badge not-enforced">not enforced</span>
              </>
            )}
          </h2>
          {would !== undefined && (
            <p className="muted" data-testid="would-apply-note">
              This cluster's Calico release does not enforce {p.kind}, so it applies to no endpoint. These are the
              endpoints its selector would select if it did.
            </p>
          )}
          <EndpointList
            cluster={cluster}
            matches={would ?? detail.appliesTo}
            empty={`Its selector ${would === undefined ? "matches" : "would match"} no endpoint today.`}
          />
        </section>
      </div>
      <section className="panel" aria-labelledby="rules-title">
        <h2 id="rules-title">Rules in words</h2>
        <RulesTable rules={detail.rules} />
      </section>
      <section className="panel" aria-labelledby="traffic-title">
        <h2 id="traffic-title">Traffic (hit counts)</h2>
        <PolicyTraffic cluster={cluster} policyKey={p.key} rules={detail.rules} />
      </section>
      <div className={detail.calico === undefined ? "" : "grid-2"}>
        <section className="panel" aria-labelledby="yaml-title">
          <h2 id="yaml-title">YAML</h2>
          <CodeBlock text={detail.yaml} label="Policy YAML" />
        </section>
        {detail.calico !== undefined && (
          <section className="panel" aria-labelledby="calico-title">
            <h2 id="calico-title">As Calico evaluates it</h2>
            <CodeBlock text={detail.calico.yaml} label="Calico form" />
          </section>
        )}
      </div>
      <PolicyHistory cluster={cluster} target={ref} />
    </article>
  );
}

const OWN_HISTORY_LIMIT = 20;

/** The policy's own changes, each version restorable through the editor's reviewed apply. */
function PolicyHistory({ cluster, target }: { cluster: string; target: ResourceRef }) {
  const { data, error } = useQuery(historyQuery(cluster, { ...target, limit: OWN_HISTORY_LIMIT }));
  const all = new URLSearchParams({ object: target.name });
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">
        History <span className="muted">({data?.total ?? "…"})</span>
      </h2>
      {error !== null ? (
        <p className="state error">The history could not be read: {error.message}</p>
      ) : data === undefined ? (
        <p className="muted">Loading…</p>
      ) : data.items.length === 0 ? (
        <p className="muted">No change to it has been made through Palisade.</p>
      ) : (
        <>
          <HistoryList cluster={cluster} entries={data.items} showObject={false} />
          {data.total > data.items.length && (
            <Link to={`${clusterPath(cluster, "history")}?${all}`}>All {data.total} changes in the History view</Link>
          )}
        </>
      )}
    </section>
  );
}

function RulesTable({ rules }: { rules: readonly RuleView[] }) {
  if (rules.length === 0)
    return (
      <p className="muted">
        No rules: for the directions in its types, it matches nothing and traffic falls through to the end of the tier.
      </p>
    );
  return (
    <table className="data rules">
      <thead>
        <tr>
          <th scope="col">Direction</th>
          <th scope="col">#</th>
          <th scope="col">Action</th>
          <th scope="col">Rule</th>
          <th scope="col">From</th>
          <th scope="col">To</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <tr key={`${r.direction}-${r.index}`} data-testid="rule-row">
            <td>{r.direction}</td>
            <td className="num">{r.index + 1}</td>
            <td>
              <span className={`badge action-${r.action}`}>{r.action}</span>
            </td>
            <td>{r.words}</td>
            <td>
              {r.source.words}
              {r.source.endpoints !== undefined && (
                <span className="muted"> ({r.source.endpoints.total} endpoints)</span>
              )}
            </td>
            <td>
              {r.destination.words}
              {r.destination.endpoints !== undefined && (
                <span className="muted"> ({r.destination.endpoints.total} endpoints)</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
