import { type AuditEntry, type AuditQuery, historyOutcome } from "@palisade/contract";

/** The entries matching `query`'s filters, newest first (entries are given oldest first); `limit` not applied. */
export function filterAudit(entries: readonly AuditEntry[], query: Omit<AuditQuery, "limit">): AuditEntry[] {
  const part = query.object?.trim().toLowerCase() ?? "";
  const user = query.user?.trim().toLowerCase() ?? "";
  const out: AuditEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i] as AuditEntry;
    if (query.kind !== undefined && e.object.kind !== query.kind) continue;
    if (query.name !== undefined && e.object.name !== query.name) continue;
    if (query.namespace !== undefined && e.object.namespace !== query.namespace) continue;
    if (part !== "" && !e.object.name.toLowerCase().includes(part)) continue;
    if (user !== "" && !e.user.toLowerCase().includes(user)) continue;
    if (query.outcome !== undefined && historyOutcome(e) !== query.outcome) continue;
    out.push(e);
  }
  return out;
}
