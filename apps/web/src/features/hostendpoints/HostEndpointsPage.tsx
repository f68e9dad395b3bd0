import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { hostEndpointsQuery } from "../../api/queries";
import { Labels } from "../../components/Labels";
import { EmptyState, ErrorState, LoadingState } from "../../components/States";
import { clusterPath, useCluster } from "../../shared/cluster";

/** Every host endpoint (node interface) with its labels and how many policies select it. */
export function HostEndpointsPage() {
  const cluster = useCluster();
  const { data, error, isPending, refetch } = useQuery(hostEndpointsQuery(cluster));
  return (
    <section className="page" aria-labelledby="heps-title">
      <header className="page-head">
        <h1 id="heps-title">Host endpoints</h1>
        <p className="muted">
          Node interfaces Calico protects. Once a host endpoint exists, traffic through it is denied unless a policy
          allows it.
        </p>
        {data !== undefined && <span className="count">{data.items.length} host endpoints</span>}
      </header>
      {isPending ? (
        <LoadingState what="host endpoints" />
      ) : error !== null ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <EmptyState>No host endpoints: host traffic is not policed by Calico in this cluster.</EmptyState>
      ) : (
        <div className="panel panel-flush table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Node</th>
                <th scope="col">Interface</th>
                <th scope="col">Role</th>
                <th scope="col">Expected IPs</th>
                <th scope="col">Labels</th>
                <th scope="col" className="num">
                  Policies
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((h) => (
                <tr key={h.ref.id} data-testid="hep-row">
                  <td>
                    <Link to={clusterPath(cluster, `hostendpoints/${encodeURIComponent(h.ref.name)}`)}>
                      {h.ref.name}
                    </Link>
                  </td>
                  <td>{h.node}</td>
                  <td>
                    <code>{h.interfaceName ?? "*"}</code>
                  </td>
                  <td>
                    {h.role === null ? (
                      <span className="muted">–</span>
                    ) : (
                      <span className={`role role-${h.role}`}>{h.role}</span>
                    )}
                  </td>
                  <td>
                    <code>{h.expectedIPs.join(", ")}</code>
                  </td>
                  <td>
                    <Labels labels={h.labels} />
                  </td>
                  <td className="num">
                    <Link to={`${clusterPath(cluster, "policies")}?endpoint=${encodeURIComponent(h.ref.id)}`}>
                      {h.policyCount}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
