import { useQuery } from "@tanstack/react-query";
import { permissionsQuery } from "../api/shellQueries";
import { useCluster } from "../shared/cluster";

/** Who the cluster sees, and whether they can change policies here; read-only is visible at a glance. */
export function PermissionsBadge() {
  const cluster = useCluster();
  const { data, error } = useQuery(permissionsQuery(cluster));
  if (error !== null) {
    return (
      <span
        className="perm perm-unknown"
        title={`Permissions could not be checked (${error.message}); the cluster decides each write.`}
      >
        permissions unchecked
      </span>
    );
  }
  if (data === undefined) return null;
  const readOnly = data.readOnly || !data.apply.allowed;
  const reason = data.readOnly
    ? "Palisade runs with --read-only"
    : (data.apply.reason ?? "RBAC allows no policy writes");
  return (
    <span
      className={readOnly ? "perm perm-ro" : "perm"}
      title={readOnly ? reason : "You may apply and delete policies"}
      data-testid="permissions"
    >
      {data.user ?? "you"} · {readOnly ? "read-only" : "can edit"}
    </span>
  );
}
