import type { EndpointMatches, EndpointRef } from "@palisade/contract";
import { Link } from "react-router";

export function endpointPath(cluster: string, e: EndpointRef): string | undefined {
  return e.kind === "HostEndpoint"
    ? `/c/${encodeURIComponent(cluster)}/hostendpoints/${encodeURIComponent(e.name)}`
    : undefined;
}

/** A capped list of endpoints with the true total; host endpoints link to their page. */
export function EndpointList({
  cluster,
  matches,
  empty,
}: {
  cluster: string;
  matches: EndpointMatches;
  empty: string;
}) {
  if (matches.total === 0) return <p className="muted">{empty}</p>;
  return (
    <div>
      <ul className="endpoint-list">
        {matches.items.map((e) => {
          const to = endpointPath(cluster, e);
          return (
            <li key={e.id} data-testid="endpoint-item">
              <span className={`ep-kind ep-${e.kind}`}>{e.kind === "HostEndpoint" ? "HEP" : "pod"}</span>
              {to === undefined ? (
                <span>{e.namespace === undefined ? e.name : `${e.namespace}/${e.name}`}</span>
              ) : (
                <Link to={to}>{e.name}</Link>
              )}
              {e.node !== undefined && <span className="muted"> on {e.node}</span>}
            </li>
          );
        })}
      </ul>
      {matches.truncated && (
        <p className="muted">
          Showing {matches.items.length} of {matches.total}.
        </p>
      )}
    </div>
  );
}
