import type { AuditEntry, AuditList, AuditQuery, ResourceRef } from "@palisade/contract";
import { filterAudit } from "./filter";
import type { AuditStore } from "./store";

/** Which of the given objects the reader may read: entries about the others are left out of what they see. */
export type ReadableObjects = (refs: readonly ResourceRef[]) => Promise<(ref: ResourceRef) => boolean>;

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

  /** The newest entries matching `query`; with `readable`, only those about objects the reader may read. */
  async query(cluster: string, query: AuditQuery, readable?: ReadableObjects): Promise<AuditList> {
    const { limit = 100, ...filters } = query;
    const matching = await visible(filterAudit(await this.store.entries(cluster), filters), readable);
    return { items: matching.slice(0, limit), total: matching.length };
  }

  async entry(cluster: string, id: string, readable?: ReadableObjects): Promise<AuditEntry | undefined> {
    const found = (await this.store.entries(cluster)).find((e) => e.id === id);
    return found === undefined ? undefined : (await visible([found], readable))[0];
  }
}

async function visible(entries: AuditEntry[], readable: ReadableObjects | undefined): Promise<AuditEntry[]> {
  if (readable === undefined || entries.length === 0) return entries;
  const may = await readable(entries.map((e) => e.object));
  return entries.filter((e) => may(e.object));
}
