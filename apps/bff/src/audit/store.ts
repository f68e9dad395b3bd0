import { randomBytes } from "node:crypto";
import type { AuditEntry } from "@palisade/contract";

/** Where the change history is kept: a local file (single-user mode) or AuditRecords in each cluster. */
export interface AuditStore {
  /**
   * Records the entries. Never rejects: the writes they record have already happened, so a request's answer must
   * not turn into a failure because the history could not be written (the store reports it instead).
   */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** The cluster's kept entries, oldest first. */
  entries(cluster: string): Promise<AuditEntry[]>;
}

/**
 * A new entry id: the time (so ids sort as entries were made) and 8 random hex digits, in the lower-case
 * DNS-subdomain form an AuditRecord's name needs, e.g. `20261207t211300123z-1a2b3c4d`.
 */
export function newAuditId(now: Date = new Date()): string {
  const time = now.toISOString().replace(/[-:.]/g, "").toLowerCase();
  return `${time}-${randomBytes(4).toString("hex")}`;
}
