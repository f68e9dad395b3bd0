import type { AuditEntry, AuditList, AuditQuery } from "@palisade/contract";
import { filterAudit } from "./filter";
import type { AuditStore } from "./store";

/**
 * The change history as the routes and the write paths see it: every entry goes to the store and, as one JSON
 * log line, to stdout (for the cluster's log pipeline); reads are filtered here, whichever store holds them.
 */
export class AuditTrail {
  constructor(
    private readonly store: AuditStore,
    private readonly logLine: (entry: AuditEntry) => void,
  ) {}

  async append(entries: readonly AuditEntry[]): Promise<void> {
    for (const entry of entries) this.logLine(entry);
    await this.store.append(entries);
  }

  async query(cluster: string, query: AuditQuery): Promise<AuditList> {
    const { limit = 100, ...filters } = query;
    const matching = filterAudit(await this.store.entries(cluster), filters);
    return { items: matching.slice(0, limit), total: matching.length };
  }

  async entry(cluster: string, id: string): Promise<AuditEntry | undefined> {
    return (await this.store.entries(cluster)).find((e) => e.id === id);
  }
}
