import type { KubeConfig } from "@kubernetes/client-node";
import type { PolicyNaming, ReleaseRange, ValidationTarget } from "@palisade/calico";
import type {
  CacheState,
  CalicoStorage,
  ClusterSource,
  ClusterStatus,
  ClusterSummary,
  ServerEvent,
} from "@palisade/contract";
import {
  calicoVersionInfo,
  RESOURCES_NAMED_BY_TIER,
  readCalicoVersion,
  tieredFromStoredNames,
  type VersionEvidence,
} from "./calico-version";
import { ClusterStatusTracker, informersStatus, type StatusNow } from "./cluster-status";
import { classicCodec, directCodec, type StorageCodec } from "./codec";
import { ConvertedCache, type StoredPair } from "./converted-cache";
import { discover } from "./discovery";
import { KubeClient, KubeError } from "./http";
import { type ChangeAction, Informer } from "./informer";
import { projectForCache } from "./projection";
import { cacheKey, type KubeObject, type ResourceType, resourcePath } from "./resources";

export interface ClusterOptions {
  readonly name: string;
  readonly source: ClusterSource;
  readonly kubeConfig: KubeConfig;
  readonly isDefault: boolean;
  /** Set when the kubeconfig itself is unusable: the cluster stays in `error` with this message. */
  readonly configError?: string;
}

/** A change to the cache, in the user-facing (v3) form. */
export interface CacheChange {
  readonly type: ResourceType;
  readonly action: ChangeAction;
  readonly object: KubeObject;
}

export type CacheListener = (change: CacheChange) => void;

export type EventListener = (event: ServerEvent) => void;

const DISCOVERY_RETRY_MS = 5_000;

/**
 * The cache of one cluster: its connection, the Calico storage mode discovery chose, and one informer per cached
 * resource. Starting never throws; a cluster that cannot be reached stays `error` (with the reason) and retries.
 */
export class ClusterCache {
  readonly name: string;
  readonly source: ClusterSource;
  readonly isDefault: boolean;
  readonly client: KubeClient | undefined;
  readonly kubeConfig: KubeConfig;
  storage: CalicoStorage = null;
  /** Increases with every cache change: views computed at the same generation are still current. */
  generation = 0;
  private readonly state: ClusterStatusTracker;
  private readonly informers = new Map<string, Informer>();
  private readonly served = new Map<string, ResourceType>();
  /**
   * Per resource whose stored objects the codec converts (Calico kinds in classic storage), by user-facing
   * `namespace/name`: the object as users see it and as stored. Every other resource is read from its informer, whose
   * objects (projected, with apiVersion and kind) are already what users see: one map and one object each.
   */
  private readonly converted = new Map<string, ConvertedCache>();
  private codec: StorageCodec = directCodec(null);
  private versionEvidence: VersionEvidence | undefined;
  private readonly cacheListeners = new Set<CacheListener>();
  private readonly eventListeners = new Set<EventListener>();
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Set once every informer's first list has ended (`firstListsEnded`). */
  private listed = false;

  constructor(options: ClusterOptions) {
    this.name = options.name;
    this.source = options.source;
    this.isDefault = options.isDefault;
    this.kubeConfig = options.kubeConfig;
    const server = options.kubeConfig.getCurrentCluster()?.server;
    if (options.configError !== undefined || server === undefined) {
      this.state = new ClusterStatusTracker(
        "error",
        options.configError ?? "the kubeconfig context names no cluster server",
      );
      this.client = undefined;
    } else {
      this.state = new ClusterStatusTracker("connecting", undefined);
      this.client = new KubeClient(options.kubeConfig, server);
    }
  }

  /** Discovers the storage mode and starts the informers; retries discovery until it succeeds or stop(). */
  start(): void {
    if (this.client === undefined || this.stopped) return;
    const client = this.client;
    discover(client)
      .then(async (found) => ({ ...found, evidence: await readCalicoVersion(client, found.storage) }))
      .then(
        ({ storage, served, evidence }) => {
          if (this.stopped) return;
          this.storage = storage;
          this.versionEvidence = evidence;
          this.codec = codecFor(storage, () => this.naming);
          this.setStatus("syncing", undefined);
          for (const type of served) {
            this.served.set(type.resource, type);
            if (this.codec.converts(type)) this.converted.set(type.resource, new ConvertedCache(this.codec));
            const informer = new Informer(type.resource, client, this.kubeConfig, resourcePath(type, storage), {
              onChange: (action, obj) => this.emitChange(type, action, obj),
              onState: () => this.refreshStatus(),
              onResync: () => this.emit({ type: "resync", cluster: this.name, resource: type.resource }),
              transform: (obj) => projectForCache(type, storage, obj),
            });
            this.informers.set(type.resource, informer);
            informer.start();
          }
          this.refreshStatus();
        },
        (err: unknown) => {
          if (this.stopped) return;
          this.setStatus("error", `cannot use cluster ${this.name}: ${(err as Error).message ?? String(err)}`);
          this.retryTimer = setTimeout(() => this.start(), DISCOVERY_RETRY_MS);
          this.retryTimer.unref();
        },
      );
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    for (const informer of this.informers.values()) informer.stop();
  }

  get server(): string {
    return this.kubeConfig.getCurrentCluster()?.server ?? "";
  }

  /** True when every informer has synced. */
  get ready(): boolean {
    const { status } = this.state.now;
    return status === "ready" || status === "reconnecting";
  }

  /** Resolves once every cache has synced; rejects if the cluster is (or becomes) unusable first. */
  whenReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.ready) {
          unsubscribe();
          resolve();
        } else if (this.state.now.status === "error") {
          unsubscribe();
          reject(new Error(this.state.now.message ?? `cluster ${this.name} is unusable`));
        }
      };
      const unsubscribe = this.onEvent(check);
      check();
    });
  }

  /**
   * Resolves true once `check` holds (re-checked on every cache change and event), false after `timeoutMs`. Writes use
   * it so that a reply reflects what was just written (read-your-writes through the watch).
   */
  settle(check: () => boolean, timeoutMs = 2_000): Promise<boolean> {
    if (check()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        unsubscribe();
        resolve(false);
      }, timeoutMs);
      timer.unref();
      const recheck = () => {
        if (!check()) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(true);
      };
      const offCache = this.onCacheChange(recheck);
      const offEvents = this.onEvent(recheck);
      const unsubscribe = () => {
        offCache();
        offEvents();
      };
    });
  }

  /** Resource types this cluster serves (known after discovery). */
  servedType(resource: string): ResourceType | undefined {
    return this.served.get(resource);
  }

  /** The cached objects of one resource in user-facing form (empty until synced or when not served). */
  objects(resource: string): KubeObject[] {
    const cache = this.converted.get(resource);
    if (cache !== undefined) return cache.users();
    return [...(this.informers.get(resource)?.items.values() ?? [])];
  }

  /** One cached object in user-facing form (of a name stored twice, the copy Calico's client addresses). */
  object(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = cacheKey(namespace, name);
    const cache = this.converted.get(resource);
    return cache === undefined ? this.informers.get(resource)?.items.get(key) : cache.primary(key)?.user;
  }

  /** The stored form of a cached object (what a replace must be based on). */
  storedObject(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = cacheKey(namespace, name);
    const cache = this.converted.get(resource);
    return cache === undefined ? this.informers.get(resource)?.items.get(key) : cache.primary(key)?.stored;
  }

  /** Every stored copy of one user-facing name (more than one only when a name is stored twice). */
  storedCopies(resource: string, namespace: string | undefined, name: string): StoredPair[] {
    const cache = this.converted.get(resource);
    if (cache === undefined) {
      const obj = this.informers.get(resource)?.items.get(cacheKey(namespace, name));
      return obj === undefined ? [] : [{ user: obj, stored: obj }];
    }
    return cache.copies(cacheKey(namespace, name));
  }

  /** User-facing names of `resource` held by more than one stored object, with every copy. */
  duplicates(resource: string): StoredPair[][] {
    const cache = this.converted.get(resource);
    return cache?.duplicates() ?? [];
  }

  /** How Palisade names the policies it writes here, from the cluster's Calico version. */
  get naming(): PolicyNaming {
    return this.calicoVersion().naming;
  }

  /**
   * The Calico releases the cluster may run, and who speaks for them (`Calico v3.32.0`, `Calico v3.31 or older`,
   * `Calico of an unknown version`). Known from discovery on, except that classic storage with no ClusterInformation
   * or calico-node image judges by the stored policies' names.
   */
  get calicoRelease(): { readonly range: ReleaseRange; readonly calico: string } {
    const { release, naming } = this.calicoVersion();
    return { range: release, calico: naming.calico };
  }

  /** What validating a resource for this cluster needs: its naming and its Calico releases. */
  get validationTarget(): ValidationTarget {
    const { release, naming } = this.calicoVersion();
    return { naming, release };
  }

  private calicoVersion(): ReturnType<typeof calicoVersionInfo> {
    const needNames = this.versionEvidence === undefined && this.storage === "v1";
    const stored = needNames
      ? [...this.converted.entries()]
          .filter(([resource]) => RESOURCES_NAMED_BY_TIER.has(resource))
          .flatMap(([, cache]) => cache.stored())
      : [];
    return calicoVersionInfo(this.storage, this.versionEvidence, needNames ? tieredFromStoredNames(stored) : undefined);
  }

  /**
   * The name an object has in storage (classic storage may carry a `default.` prefix). One the cache has not seen yet,
   * such as an object this server wrote a moment ago, has the name a write stores it under, so deleting or reading
   * it back never waits for the watch.
   */
  storageName(type: ResourceType, namespace: string | undefined, name: string): string {
    return this.storedObject(type.resource, namespace, name)?.metadata.name ?? this.codec.storedName(type.kind, name);
  }

  fromStorage(type: ResourceType, stored: KubeObject): KubeObject {
    return this.codec.fromStorage(type, stored);
  }

  toStorage(type: ResourceType, obj: KubeObject, live: KubeObject | undefined): KubeObject {
    const liveStored =
      live === undefined ? undefined : this.storedObject(type.resource, live.metadata.namespace, live.metadata.name);
    return this.codec.toStorage(type, obj, liveStored);
  }

  /**
   * The object as the cluster shows it once `obj` is written over `live`: on classic storage the form calicoctl
   * stores (types filled in, numeric ports, empty blocks kept), so the YAML it stored re-applied is no change.
   * An object the codec refuses is returned as written; the write reports why.
   */
  storedForm(type: ResourceType, obj: KubeObject, live: KubeObject | undefined): KubeObject {
    if (!this.codec.converts(type)) return obj;
    try {
      return this.fromStorage(type, this.toStorage(type, obj, live));
    } catch (e) {
      if (e instanceof KubeError) return obj;
      throw e;
    }
  }

  caches(): CacheState[] {
    return [...this.informers.values()].map((i) => ({
      resource: i.resource,
      synced: i.synced,
      count: i.items.size,
      ...(i.lastError === undefined ? {} : { lastError: i.lastError }),
    }));
  }

  summary(): ClusterSummary {
    const user = this.kubeConfig.getCurrentUser()?.name;
    return {
      name: this.name,
      source: this.source,
      server: this.server,
      ...(user === undefined ? {} : { user }),
      default: this.isDefault,
      ...this.state.now,
      storage: this.storage,
      calico: this.storage === null ? null : this.calicoVersion().info,
      caches: this.caches(),
    };
  }

  /** Cache changes in user-facing form; returns the unsubscribe function. */
  onCacheChange(listener: CacheListener): () => void {
    this.cacheListeners.add(listener);
    return () => this.cacheListeners.delete(listener);
  }

  /** Events for the browser (SSE); returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Since when (Date.now()) the cluster has been unreachable (`error` or `reconnecting`); undefined if it answers. */
  get unreachableSince(): number | undefined {
    return this.state.unreachableSince;
  }

  get statusNow(): StatusNow {
    return this.state.now;
  }

  private emitChange(type: ResourceType, action: ChangeAction, stored: KubeObject): void {
    const user = this.codec.fromStorage(type, stored);
    const cache = this.converted.get(type.resource);
    const { change, left } =
      cache === undefined ? { change: { action, object: user } } : cache.record(action, user, stored);
    if (left !== undefined) this.notify({ type, ...left });
    const { object } = change;
    this.generation++;
    this.notify({ type, ...change });
    this.emit({
      type: "change",
      cluster: this.name,
      action: change.action,
      resource: type.resource,
      name: object.metadata.name,
      ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
      resourceVersion: object.metadata.resourceVersion ?? "",
    });
  }

  private notify(change: CacheChange): void {
    for (const l of this.cacheListeners) l(change);
  }

  private refreshStatus(): void {
    const informers = [...this.informers.values()];
    if (!this.listed && informers.length > 0 && informers.every((i) => i.synced || i.lastError !== undefined)) {
      this.listed = true;
      this.firstListsEnded();
    }
    const { status, message } = informersStatus(informers);
    this.setStatus(status, message);
  }

  /**
   * Called once, before the status says so, when every informer's first list has ended (synced, or failed and
   * retrying): what the cache holds then is the cluster as listed, every change after it a cache change.
   */
  protected firstListsEnded(): void {}

  private setStatus(status: ClusterStatus, message: string | undefined): void {
    if (!this.state.set(status, message)) return;
    this.emit({ type: "status", cluster: this.name, status, ...(message === undefined ? {} : { message }) });
  }

  private emit(event: ServerEvent): void {
    for (const l of this.eventListeners) l(event);
  }
}

function codecFor(storage: CalicoStorage, naming: () => PolicyNaming): StorageCodec {
  return storage === "v1" ? classicCodec(naming) : directCodec(storage);
}
