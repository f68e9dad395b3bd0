import { useQuery } from "@tanstack/react-query";
import { clustersQuery } from "../api/shellQueries";
import { useCluster } from "../shared/cluster";

/**
 * The cluster's Calico version, which decides how Palisade names what it writes (calicoctl's own rules for that
 * version); an unknown version is said plainly. The full sentence is the title.
 */
export function CalicoBadge() {
  const cluster = useCluster();
  const { data } = useQuery(clustersQuery);
  const calico = data?.items.find((c) => c.name === cluster)?.calico;
  if (calico === undefined || calico === null) return null;
  const text =
    calico.version !== null
      ? `Calico ${calico.version}`
      : calico.source === "unknown"
        ? "Calico version unknown"
        : `Calico ${calico.tieredPolicyNames ? "≤ v3.31" : "≥ v3.32"}`;
  return (
    <span
      className={calico.source === "unknown" ? "perm perm-ro" : "perm"}
      title={calico.note}
      data-testid="calico-version"
    >
      {text}
    </span>
  );
}
