import type { Permissions } from "@palisade/contract";

export type WriteAction = "apply" | "delete" | "dry-run";

/**
 * Why the user may not write, or undefined when they may. While permissions load, writes wait. When the check
 * itself fails (a cluster without SelfSubjectAccessReview), writes stay possible: the cluster's RBAC still decides
 * every write, and the shell says that permissions could not be checked.
 */
export function writeBlockedReason(
  perms: Permissions | undefined,
  action: WriteAction,
  loadError?: Error | null,
): string | undefined {
  if (loadError) return undefined;
  if (perms === undefined) return "Checking permissions…";
  const who = perms.user === null ? "You" : perms.user;
  if (action === "dry-run") {
    if (!perms.readOnly) return writeBlockedReason(perms, "apply");
    // --read-only refuses apply and delete only. A dry run stores nothing but the cluster authorises it as the write
    // itself, and the server's apply summary then only says "read-only": the per-kind answers decide.
    const mayWrite = perms.kinds.some(
      (k) =>
        (k.kind === "GlobalNetworkPolicy" || k.kind === "NetworkPolicy") &&
        k.verbs.create?.allowed === true &&
        k.verbs.update?.allowed === true,
    );
    return mayWrite ? undefined : `${who} may not apply Calico policies in this cluster, so a dry run is refused too.`;
  }
  if (perms.readOnly) return "Palisade runs read-only (--read-only): changes are disabled.";
  const allowed = perms[action];
  if (allowed.allowed) return undefined;
  return allowed.reason ?? `${who} may not ${action} Calico policies in this cluster.`;
}
