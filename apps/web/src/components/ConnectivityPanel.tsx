import type { ConnectivityChange, ConnectivityGroup } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { connectivityYaml } from "../api/documents";
import { cacheFamilies } from "../api/queryKeys";
import { clusterPath } from "../shared/cluster";
import { ErrorState, LoadingState } from "./States";

/**
 * The whole-cluster connectivity diff of a proposed change, shown before it is applied: which groups of endpoints
 * and address ranges gain or lose reachability, on which protocols and ports, each with a packet to explain.
 */
export function ConnectivityPanel({ cluster, yaml, level = 2 }: { cluster: string; yaml: string; level?: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  const diff = useQuery({
    queryKey: [...cacheFamilies.connectivity(cluster), yaml],
    queryFn: () => connectivityYaml(cluster, yaml),
    staleTime: 30_000,
  });
  return (
    <section className="panel connectivity" aria-labelledby="connectivity-title" data-testid="connectivity">
      <Heading id="connectivity-title">What this change does to traffic</Heading>
      {diff.isPending && <LoadingState what="the traffic this change allows or denies" />}
      {diff.error !== null && <ErrorState error={diff.error} onRetry={() => void diff.refetch()} />}
      {diff.data !== undefined && (
        <>
          <p className="muted" role="status" data-testid="connectivity-summary">
            {diff.data.changes.length === 0
              ? "No traffic between endpoints, or between them and outside addresses, changes."
              : `${diff.data.changes.length} ${diff.data.changes.length === 1 ? "change" : "changes"} in reachability.`}{" "}
            {diff.data.touched} endpoints touched; {diff.data.classes} groups Calico treats alike; {diff.data.probes}{" "}
            packets walked on each side. Packets go to endpoints' own addresses (for Services, use Explain).
          </p>
          {!diff.data.complete && (
            <p className="state warn" role="status" data-testid="connectivity-incomplete">
              The walk stopped at its budget: the changes below are real, but there may be more.
            </p>
          )}
          {diff.data.changes.length > 0 && (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Protocol</th>
                  <th scope="col">Ports</th>
                  <th scope="col">Now → after</th>
                  <th scope="col">
                    <span className="sr-only">Explain</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {diff.data.changes.map((c) => (
                  <ChangeRow key={changeKey(c)} cluster={cluster} change={c} />
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function ChangeRow({ cluster, change: c }: { cluster: string; change: ConnectivityChange }) {
  return (
    <tr data-testid="connectivity-change">
      <td>
        <Group group={c.from} />
      </td>
      <td>
        <Group group={c.to} />
      </td>
      <td>{c.protocol}</td>
      <td className="mono">{c.ports === "" ? "—" : c.ports}</td>
      <td>
        <span className={`badge verdict-${c.before}`}>{c.before}</span> →{" "}
        <span className={`badge verdict-${c.after}`}>{c.after}</span>
      </td>
      <td>
        <Link to={explainLink(cluster, c)} title="Walk one such packet through today's policy">
          Explain
        </Link>
      </td>
    </tr>
  );
}

function Group({ group }: { group: ConnectivityGroup }) {
  if (group.kind === "addresses") return <span className="mono">{group.description}</span>;
  const more = group.count - group.sample.length;
  return (
    <span title={`${group.sample.join("\n")}${more > 0 ? `\n… and ${more} more` : ""}`}>
      {group.description} <span className="muted">({group.count})</span>
    </span>
  );
}

function changeKey(c: ConnectivityChange): string {
  const g = (x: ConnectivityGroup) =>
    x.kind === "addresses" ? x.description : `${x.description}:${x.sample[0] ?? ""}`;
  return `${g(c.from)}>${g(c.to)}>${c.protocol}>${c.ports}>${c.before}>${c.after}`;
}

function explainLink(cluster: string, c: ConnectivityChange): string {
  const q = new URLSearchParams({ endpoint: c.example.endpoint, direction: c.example.direction });
  if (c.example.peer.ip !== undefined) q.set("ip", c.example.peer.ip);
  q.set("protocol", String(c.example.protocol));
  if (c.example.port !== undefined) q.set("port", String(c.example.port));
  return `${clusterPath(cluster, "explain")}?${q}`;
}
