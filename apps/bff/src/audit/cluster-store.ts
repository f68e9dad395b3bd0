import { AUDIT_RECORD, AUDIT_RECORD_API_VERSION, type AuditEntry } from "@palisade/contract";
import { HttpError } from "../errors";
import { type KubeClient, KubeError } from "../kube/http";
import type { AuditStore } from "./store";

const PATH = `/apis/${AUDIT_RECORD.group}/${AUDIT_RECORD.version}/${AUDIT_RECORD.plural}`;
const CRD_NAME = `${AUDIT_RECORD.plural}.${AUDIT_RECORD.group}`;

/** Bounds on the history kept in each cluster: the newest `keep` records, none older than `maxAgeMs`. */
export interface Retention {
  readonly keep: number;
  readonly maxAgeMs: number;
}

export const DEFAULT_RETENTION: Retention = { keep: 1000, maxAgeMs: 90 * 24 * 3600_000 };

interface AuditRecord {
  readonly metadata: { readonly name?: string };
  readonly spec?: Omit<AuditEntry, "id" | "cluster">;
}

/**
 * The history kept in each cluster as `AuditRecord`s (palisade.io, cluster-scoped, the CRD in deploy/), so every
 * replica reads and writes the same history. Records are written and read with Palisade's own credentials (a person
 * cannot forge or erase history with their rights) and pruned to the retention after every write.
 */
export class ClusterAuditStore implements AuditStore {
  constructor(
    private readonly clusters: { get(name: string): { readonly client: KubeClient | undefined } | undefined },
    private readonly retention: Retention = DEFAULT_RETENTION,
    private readonly onError: (err: unknown, cluster: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  async append(entries: readonly AuditEntry[]): Promise<void> {
    for (const cluster of new Set(entries.map((e) => e.cluster))) {
      const list = entries.filter((e) => e.cluster === cluster);
      try {
        const client = this.client(cluster);
        for (const { id, cluster: _, ...spec } of list) {
          await client.request("POST", PATH, {
            body: { apiVersion: AUDIT_RECORD_API_VERSION, kind: AUDIT_RECORD.kind, metadata: { name: id }, spec },
          });
        }
        await this.prune(cluster);
      } catch (err) {
        this.onError(err, cluster);
      }
    }
  }

  async entries(cluster: string): Promise<AuditEntry[]> {
    return (await this.records(cluster)).flatMap(({ metadata, spec }) =>
      spec === undefined || metadata.name === undefined ? [] : [{ id: metadata.name, cluster, ...spec }],
    );
  }

  /** Deletes the records beyond the retention: the oldest past `keep`, and any older than `maxAgeMs`. */
  async prune(cluster: string): Promise<number> {
    const records = await this.records(cluster);
    const oldest = this.now() - this.retention.maxAgeMs;
    const excess = Math.max(0, records.length - this.retention.keep);
    const doomed = records.filter((r, i) => i < excess || Date.parse(r.spec?.time ?? "") < oldest);
    const client = this.client(cluster);
    for (const r of doomed) {
      // Another replica pruning at the same moment may have deleted it first.
      await client.request("DELETE", `${PATH}/${encodeURIComponent(r.metadata.name ?? "")}`).catch((err: unknown) => {
        if (!(err instanceof KubeError && err.statusCode === 404)) throw err;
      });
    }
    return doomed.length;
  }

  /** The cluster's records, oldest first (ids begin with their time). */
  private async records(cluster: string): Promise<AuditRecord[]> {
    try {
      const list = await this.client(cluster).request<{ items?: AuditRecord[] }>("GET", PATH);
      return (list.items ?? []).sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
    } catch (err) {
      if (err instanceof KubeError && err.statusCode === 404)
        throw new HttpError(
          "ClusterUnavailable",
          `cluster ${cluster} keeps no Palisade history: the CustomResourceDefinition ${CRD_NAME} is not installed ` +
            "(deploy/kubernetes or the Helm chart installs it; or run with --audit-store file)",
        );
      throw err;
    }
  }

  private client(cluster: string): KubeClient {
    const client = this.clusters.get(cluster)?.client;
    if (client === undefined) throw new KubeError(0, "Unreachable", `cluster ${cluster} is unusable`, undefined);
    return client;
  }
}
