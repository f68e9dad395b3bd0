import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { isNotFound } from "../../api/client";
import { hostEndpointQuery } from "../../api/queries";
import { Breadcrumb } from "../../components/Breadcrumb";
import { CodeBlock } from "../../components/CodeBlock";
import { Labels } from "../../components/Labels";
import { StagePolicyLists } from "../../components/StagePolicyLists";
import { ErrorState, LoadingState, NotFoundState } from "../../components/States";
import { clusterPath, useCluster } from "../../shared/cluster";

/** One host endpoint: identity, labels (own and inherited), and its policies stage by stage in evaluation order. */
export function HostEndpointPage() {
  const cluster = useCluster();
  const name = useParams().name ?? "";
  const { data, error, isPending, refetch } = useQuery(hostEndpointQuery(cluster, name));
  if (isPending) return <LoadingState what={`host endpoint ${name}`} />;
  if (isNotFound(error)) {
    return (
      <NotFoundState title="Host endpoint not found">
        HostEndpoint {name} does not exist in {cluster}; it may have been deleted or renamed.{" "}
        <Link to={clusterPath(cluster, "hostendpoints")}>Back to the host endpoints</Link>
      </NotFoundState>
    );
  }
  if (error !== null) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const h = data.summary;
  const explain = new URLSearchParams({ endpoint: h.ref.id });
  return (
    <article className="page" aria-labelledby="hep-title">
      <Breadcrumb
        trail={[{ to: clusterPath(cluster, "hostendpoints"), label: "Host endpoints" }]}
        current={h.ref.name}
      />
      <header className="page-head">
        <h1 id="hep-title">{h.ref.name}</h1>
        {h.role !== null && <span className={`role role-${h.role}`}>{h.role}</span>}
        <span className="muted">
          {h.interfaceName ?? "all interfaces"} on {h.node} · {h.expectedIPs.join(", ")}
        </span>
      </header>
      <div className="actions">
        <Link className="btn" to={`${clusterPath(cluster, "explain")}?${explain}`}>
          Explain a packet…
        </Link>
        <Link className="btn" to={`${clusterPath(cluster, "graph")}?focus=${encodeURIComponent(h.ref.id)}`}>
          Show in graph
        </Link>
        <Link className="btn" to={`${clusterPath(cluster, "policies")}?endpoint=${encodeURIComponent(h.ref.id)}`}>
          Filter the policy table
        </Link>
      </div>
      {data.defaultDeny && (
        <p className="state error" role="alert">
          No enforcing policy applies in the normal stage: everything except failsafe ports and established connections
          is denied on this interface.
        </p>
      )}
      {data.warnings.map((w) => (
        <p key={w} className="state warn">
          {w}
        </p>
      ))}
      <div className="grid-2">
        <section className="panel" aria-labelledby="stages-title">
          <h2 id="stages-title">Policies per stage, in evaluation order</h2>
          <StagePolicyLists cluster={cluster} policies={data.policies} />
        </section>
        <div className="stack">
          <section className="panel" aria-labelledby="labels-title">
            <h2 id="labels-title">Labels</h2>
            <Labels labels={h.labels} />
            {Object.keys(h.effectiveLabels).length > Object.keys(h.labels).length && (
              <>
                <h3>Including inherited from profiles</h3>
                <Labels labels={h.effectiveLabels} />
              </>
            )}
          </section>
          <section className="panel" aria-labelledby="hep-yaml-title">
            <h2 id="hep-yaml-title">YAML</h2>
            <CodeBlock text={data.yaml} label="Host endpoint YAML" />
          </section>
        </div>
      </div>
    </article>
  );
}
