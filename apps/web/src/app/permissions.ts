import type { Permissions } from "@palisade/contract";

/**
 * Why the user may not write, or undefined when they may. While permissions load, writes wait. When the check
 * itself fails (a cluster without SelfSubjectAccessReview), writes stay possible: the cluster's RBAC still decides
 * every write, and the shell says that permissions could not be checked.
 */
export function writeBlockedReason(
  perms: Permissions | undefined,
  action: "apply" | "delete",
  loadError?: Error | null,
): string | undefined {
  if (loadError) return undefined;
  if (perms === undefined) return "Checking permissions…";
  if (perms.readOnly) return "Palisade runs read-only (--read-only): changes are disabled.";
  const allowed = perms[action];
  if (allowed.allowed) return undefined;
  const who = perms.user === null ? "You" : perms.user;
  return allowed.reason ?? `${who} may not ${action} Calico policies in this cluster.`;
}
