import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { clustersQuery } from "../api/shellQueries";
import { useCluster } from "../shared/cluster";

/** Keys that step through a closed select's options, changing its value at once (Chromium, Windows). */
function stepsOptions(e: React.KeyboardEvent): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey) return false;
  return (
    ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"].includes(e.key) ||
    (e.key.length === 1 && e.key !== " ")
  );
}

/**
 * Switches cluster (kubeconfig context) while staying on the same view. A choice from the open list switches at
 * once; stepping through the closed select with the keyboard only moves the choice, which switches on Enter or on
 * leaving the select, so passing over a cluster does not load it.
 */
export function ClusterSwitcher() {
  const cluster = useCluster();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error } = useQuery(clustersQuery);
  const [pending, setPending] = useState<string | undefined>();
  const stepping = useRef(false);
  const current = data?.items.find((c) => c.name === cluster);
  const status = current?.status ?? (error ? "error" : "connecting");
  const title = current?.message ?? `${current?.server ?? ""} · ${status}`;
  const switchTo = (name: string) => {
    setPending(undefined);
    if (name === cluster) return;
    const rest = location.pathname.split("/").slice(3, 4).join("/") || "policies";
    navigate(`/c/${encodeURIComponent(name)}/${rest}`);
  };
  return (
    <label className="cluster-switcher" title={title}>
      <span className={`status-dot status-${status}`} aria-hidden="true" />
      <span className="sr-only">Cluster</span>
      <select
        value={pending ?? cluster}
        aria-label={`Cluster (${status})`}
        data-testid="cluster-select"
        onKeyDown={(e) => {
          stepping.current = stepsOptions(e);
          if (e.key === "Enter" && pending !== undefined) switchTo(pending);
        }}
        onPointerDown={() => {
          stepping.current = false;
        }}
        onChange={(e) => (stepping.current ? setPending(e.target.value) : switchTo(e.target.value))}
        onBlur={() => pending !== undefined && switchTo(pending)}
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
