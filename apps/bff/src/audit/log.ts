import { createHash } from "node:crypto";
import { appendFile, mkdir, open, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { AuditEntry } from "@palisade/contract";
import type { AuditStore } from "./store";

/** How much of the log's tail a read considers: recent history, with memory bounded whatever the file's size. */
const READ_TAIL_BYTES = 4 * 1024 * 1024;

/**
 * The history as a local file (single-user mode, `--audit-store file`): one JSON object per line, appended (O_APPEND, so concurrent writers never interleave within a
 * line) to a file that outlives the process. Writes are serialised so entries keep request order.
 */
export class AuditLog implements AuditStore {
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

  /** The cluster's entries in the part read, oldest first. */
  async entries(cluster: string): Promise<AuditEntry[]> {
    await this.queue;
    const text = await readTail(this.path, READ_TAIL_BYTES);
    const all: AuditEntry[] = [];
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const entry = parseEntry(line);
      if (entry !== undefined && entry.cluster === cluster) all.push(entry);
    }
    return all;
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
    if (typeof v !== "object" || v === null || typeof v.cluster !== "string") return undefined;
    // Lines written before entries had ids get a stable one from their text.
    return typeof v.id === "string" ? v : { ...v, id: createHash("sha256").update(line).digest("hex").slice(0, 24) };
  } catch {
    return undefined;
  }
}
