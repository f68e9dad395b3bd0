import { type KubeConfig, Watch } from "@kubernetes/client-node";
import { type KubeClient, KubeError } from "./http";
import { cacheKey, type KubeObject } from "./resources";

export type ChangeAction = "added" | "modified" | "deleted";

export interface InformerHandlers {
  /** One object changed (also called for each difference a relist finds). */
  onChange(action: ChangeAction, obj: KubeObject): void;
  /** The informer's health changed (synced, or an error while listing or watching). */
  onState(): void;
  /** A relist (after 410 Gone or a failed resume) replaced the cache. */
  onResync?(): void;
  /**
   * What to keep of each object, applied as it arrives (list item or watch event) before the cache holds it, like
   * client-go's `SetTransform`; the object as received otherwise.
   */
  transform?(obj: KubeObject): KubeObject;
}

interface KubeList {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

const PAGE_SIZE = 500;
const MAX_BACKOFF_MS = 5_000;
/** Watches shorter than this wait before resuming. */
const MIN_WATCH_MS = 1_000;
/** Ask the server to end each watch after this long, so a silently dead connection is replaced. */
const WATCH_TIMEOUT_SECONDS = 240;

/**
 * List + watch for one collection, as client-go's reflector does: a paged list gives the cache and a
 * resourceVersion; the watch resumes from the last version seen (bookmarks included) whenever it ends; `410 Gone`
 * (or an ERROR event carrying 410) means the version is too old, so the informer relists and reports the differences
 * as changes. Errors back off and retry forever; `lastError` says what is wrong meanwhile.
 */
export class Informer {
  readonly items = new Map<string, KubeObject>();
  synced = false;
  lastError: string | undefined;
  private resourceVersion: string | undefined;
  private stopped = false;
  private abort: AbortController | undefined;
  private wake: (() => void) | undefined;

  constructor(
    readonly resource: string,
    private readonly client: KubeClient,
    private readonly kubeConfig: KubeConfig,
    private readonly path: string,
    private readonly handlers: InformerHandlers,
  ) {}

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (!this.stopped) {
      try {
        if (this.resourceVersion === undefined) await this.relist();
        const started = Date.now();
        const ended = await this.watchOnce();
        // A server that ends watches at once must not turn this loop into a busy one.
        if (Date.now() - started < MIN_WATCH_MS && !this.stopped) await this.sleep(MIN_WATCH_MS);
        if (ended === "gone") this.resourceVersion = undefined;
        backoff = 0;
      } catch (err) {
        if (this.stopped) return;
        if (err instanceof KubeError && err.statusCode === 410) this.resourceVersion = undefined;
        const message = err instanceof Error ? err.message : String(err);
        if (this.lastError !== message) {
          this.lastError = message;
          this.handlers.onState();
        }
        backoff = Math.min(MAX_BACKOFF_MS, backoff === 0 ? 250 : backoff * 2);
        await this.sleep(backoff);
      }
    }
  }

  private async relist(): Promise<void> {
    const fresh = new Map<string, KubeObject>();
    let cont: string | undefined;
    let rv: string | undefined;
    do {
      const page = await this.client.request<KubeList>("GET", this.path, {
        query: { limit: PAGE_SIZE, continue: cont },
      });
      for (const item of page.items ?? []) fresh.set(keyOf(item), this.transform(item));
      cont = page.metadata?.continue || undefined;
      rv = page.metadata?.resourceVersion;
    } while (cont !== undefined);
    const wasSynced = this.synced;
    for (const [key, old] of this.items) {
      if (!fresh.has(key)) {
        this.items.delete(key);
        this.handlers.onChange("deleted", old);
      }
    }
    for (const [key, obj] of fresh) {
      const old = this.items.get(key);
      if (old?.metadata.resourceVersion === obj.metadata.resourceVersion && old !== undefined) continue;
      this.items.set(key, obj);
      this.handlers.onChange(old === undefined ? "added" : "modified", obj);
    }
    this.resourceVersion = rv;
    this.synced = true;
    this.healthy();
    if (!wasSynced) this.handlers.onState();
    else this.handlers.onResync?.();
  }

  /** The cluster answered: any earlier error is over. */
  private healthy(): void {
    if (this.lastError === undefined) return;
    this.lastError = undefined;
    this.handlers.onState();
  }

  /** Resolves when the watch ends: `closed` to resume from the last version, `gone` to relist. */
  private watchOnce(): Promise<"closed" | "gone"> {
    return new Promise((resolve, reject) => {
      let gone = false;
      let ended = false;
      const watch = new Watch(this.kubeConfig);
      watch
        .watch(
          this.path,
          { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: WATCH_TIMEOUT_SECONDS },
          (type: string, obj: KubeObject) => {
            if (type === "ERROR") {
              const code = (obj as { code?: unknown }).code;
              if (code === 410) gone = true;
              return;
            }
            const rv = obj?.metadata?.resourceVersion;
            if (rv !== undefined) this.resourceVersion = rv;
            if (type === "BOOKMARK") return;
            this.apply(type, this.transform(obj));
          },
          (err: unknown) => {
            ended = true;
            this.abort = undefined;
            if (gone) resolve("gone");
            else if (err === null || err === undefined || isTimeout(err) || this.stopped) resolve("closed");
            else {
              const statusCode = (err as { statusCode?: unknown }).statusCode;
              reject(
                typeof statusCode === "number"
                  ? new KubeError(statusCode, `Http${statusCode}`, `watch ${this.path}: HTTP ${statusCode}`, undefined)
                  : new KubeError(
                      0,
                      "Unreachable",
                      `watch ${this.path}: ${(err as Error).message ?? String(err)}`,
                      undefined,
                    ),
              );
            }
          },
        )
        .then((controller) => {
          this.abort = controller;
          if (this.stopped) controller.abort();
          // The watch is established (client-node resolves after the 200 response): the connection is healthy.
          else if (!ended) this.healthy();
        }, reject);
    });
  }

  private apply(type: string, obj: KubeObject): void {
    const key = keyOf(obj);
    if (type === "DELETED") {
      if (this.items.delete(key)) this.handlers.onChange("deleted", obj);
      return;
    }
    const existed = this.items.has(key);
    this.items.set(key, obj);
    this.handlers.onChange(existed ? "modified" : "added", obj);
  }

  private transform(obj: KubeObject): KubeObject {
    return this.handlers.transform === undefined ? obj : this.handlers.transform(obj);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function keyOf(obj: KubeObject): string {
  return cacheKey(obj.metadata.namespace, obj.metadata.name);
}

function isTimeout(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { name?: unknown }).name === "TimeoutError";
}
