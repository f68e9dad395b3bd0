import type { Cluster } from "../clusters/cluster";

/**
 * Memoises a whole-cluster view until the cluster's cache changes (its generation moves), so many clients polling
 * the same list cost one computation per change.
 */
export function perGeneration<T>(compute: (cluster: Cluster) => T): (cluster: Cluster) => T {
  const memo = new WeakMap<Cluster, { generation: number; value: T }>();
  return (cluster) => {
    const hit = memo.get(cluster);
    if (hit !== undefined && hit.generation === cluster.generation) return hit.value;
    const value = compute(cluster);
    memo.set(cluster, { generation: cluster.generation, value });
    return value;
  };
}
