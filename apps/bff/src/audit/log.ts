import { appendFile, mkdir, open, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { AuditEntry } from "@palisade/contract";

/** How much of the log's tail a read considers: recent history, with memory bounded whatever the file's size. */
const READ_TAIL_BYTES = 4 * 1024 * 1024;

/**
 * The audit log: one JSON object per line, appended (O_APPEND, so concurrent writers never interleave within a
 * line) to a file that outlives the process. Writes are serialised so entries keep request order.
 */
export class AuditLog {
  private queue: Promise<void> = Promise.resolve();

  /**
   * @param onError told when an entry could not be written; the write it records has already happened, so the
   * request's answer must not turn into a failure because of it.
   */
  constructor(
    readonly path: string,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  append(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return this.queue;
    const text = entries.map((e) => `${JSON.stringify(e)}\n`).join("");
    this.queue = this.queue
      .then(async () => {
        await mkdir(dirname(this.path), { recursive: true });
        await appendFile(this.path, text, { mode: 0o600 });
      })
      .catch((err: unknown) => {
        this.onError(err);
      });
    return this.queue;
  }

  /** Newest first, for one cluster, at most `limit`; `total` counts the cluster's entries in the part read. */
  async read(cluster: string, limit: number): Promise<{ items: AuditEntry[]; total: number }> {
    await this.queue;
    const text = await readTail(this.path, READ_TAIL_BYTES);
    const all: AuditEntry[] = [];
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const entry = parseEntry(line);
      if (entry !== undefined && entry.cluster === cluster) all.push(entry);
    }
    all.reverse();
    return { items: all.slice(0, limit), total: all.length };
  }
}

async function readTail(path: string, bytes: number): Promise<string> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw err;
  }
  const start = Math.max(0, size - bytes);
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(size - start);
    await handle.read(buf, 0, buf.length, start);
    const text = buf.toString("utf8");
    // A tail that starts mid-line drops the partial first line.
    return start === 0 ? text : text.slice(text.indexOf("\n") + 1);
  } finally {
    await handle.close();
  }
}

function parseEntry(line: string): AuditEntry | undefined {
  try {
    const v = JSON.parse(line) as AuditEntry;
    return typeof v === "object" && v !== null && typeof v.cluster === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}
