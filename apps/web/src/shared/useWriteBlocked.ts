import { useQuery } from "@tanstack/react-query";
import { permissionsQuery } from "../api/shellQueries";
import { useCluster } from "./cluster";
import { type WriteAction, writeBlockedReason } from "./permissions";

/** The reason an apply, delete or dry run is unavailable in the current cluster, or undefined when it is allowed. */
export function useWriteBlocked(action: WriteAction): string | undefined {
  const cluster = useCluster();
  const { data, error } = useQuery(permissionsQuery(cluster));
  return writeBlockedReason(data, action, error);
}
