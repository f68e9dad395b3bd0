import { useQuery } from "@tanstack/react-query";
import { permissionsQuery, useCluster } from "./cluster";
import { writeBlockedReason } from "./permissions";

/** The reason an apply or delete is unavailable in the current cluster, or undefined when it is allowed. */
export function useWriteBlocked(action: "apply" | "delete"): string | undefined {
  const cluster = useCluster();
  const { data, error } = useQuery(permissionsQuery(cluster));
  return writeBlockedReason(data, action, error);
}
