import { useQuery } from "@tanstack/react-query";
import { useLocation, useNavigate } from "react-router";
import { clustersQuery } from "../api/shellQueries";
import { useCluster } from "../shared/cluster";

/** Switches cluster (kubeconfig context) while staying on the same view. */
export function ClusterSwitcher() {
  const cluster = useCluster();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error } = useQuery(clustersQuery);
  const current = data?.items.find((c) => c.name === cluster);
  const status = current?.status ?? (error ? "error" : "connecting");
  const title = current?.message ?? `${current?.server ?? ""} · ${status}`;
  return (
    <label className="cluster-switcher" title={title}>
      <span className={`status-dot status-${status}`} aria-hidden="true" />
      <span className="sr-only">Cluster</span>
      <select
        value={cluster}
        aria-label={`Cluster (${status})`}
        onChange={(e) => {
          const rest = location.pathname.split("/").slice(3, 4).join("/") || "policies";
          navigate(`/c/${encodeURIComponent(e.target.value)}/${rest}`);
        }}
      >
        {(data?.items ?? [{ name: cluster, source: "demo" as const }]).map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
            {c.source === "demo" ? " (demo)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
