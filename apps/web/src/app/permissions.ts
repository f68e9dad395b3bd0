import type { Permissions } from "@palisade/contract";

/**
 * Why the user may not write, or undefined when they may. While permissions are still loading or failed to load,
 * writes stay disabled with a reason rather than optimistically enabled.
 */
export function writeBlockedReason(
  perms: Permissions | undefined,
  action: "apply" | "delete",
  loadError?: Error | null,
): string | undefined {
  if (loadError) return `Permissions could not be checked: ${loadError.message}`;
  if (perms === undefined) return "Checking permissions…";
  if (perms.readOnly) return "Palisade runs read-only (--read-only): changes are disabled.";
  const allowed = perms[action];
  if (allowed.allowed) return undefined;
  const who = perms.user === null ? "You" : perms.user;
  return allowed.reason ?? `${who} may not ${action} Calico policies in this cluster.`;
}
