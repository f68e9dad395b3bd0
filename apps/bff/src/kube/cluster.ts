import type { KubeConfig } from "@kubernetes/client-node";
import type { PolicyNaming } from "@palisade/calico";
import type {
  CacheState,
  CalicoStorage,
  ClusterSource,
  ClusterStatus,
  ClusterSummary,
  ServerEvent,
} from "@palisade/contract";
import { ClusterModel } from "../cluster-model/cluster-model";
import { calicoVersionInfo, readCalicoVersion, tieredFromStoredNames, type VersionEvidence } from "./calico-version";
import { classicCodec, directCodec, type StorageCodec } from "./codec";
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

/** One stored object in both forms. */
export interface StoredPair {
  readonly user: KubeObject;
  readonly stored: KubeObject;
}

/**
 * The stored objects of one converted resource: by stored `namespace/name`, and which of them stand for each
 * user-facing `namespace/name`. Two CRs can be one Calico name (`x` and `default.x`); Calico enforces both.
 */
interface ConvertedCache {
  readonly byStored: Map<string, StoredPair>;
  readonly byUser: Map<string, string[]>;
}
export type EventListener = (event: ServerEvent) => void;

const DISCOVERY_RETRY_MS = 5_000;

/**
 * One cluster: its connection, the Calico storage mode discovery chose, and one informer per cached resource.
 * Starting never throws; a cluster that cannot be reached stays `error` (with the reason) and retries.
 */
export class Cluster {
  readonly name: string;
  readonly source: ClusterSource;
  readonly isDefault: boolean;
  readonly client: KubeClient | undefined;
  readonly kubeConfig: KubeConfig;
  storage: CalicoStorage = null;
  /** The match index, kept current by every cache change. */
  readonly model = new ClusterModel();
  /** Increases with every cache change: views computed at the same generation are still current. */
  generation = 0;
  private status: ClusterStatus = "connecting";
  private message: string | undefined;
  /** When the cluster stopped answering (Date.now()); undefined while it answers. */
  private unreachableAt: number | undefined;
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

  constructor(options: ClusterOptions) {
    this.name = options.name;
    this.source = options.source;
    this.isDefault = options.isDefault;
    this.kubeConfig = options.kubeConfig;
    const server = options.kubeConfig.getCurrentCluster()?.server;
    if (options.configError !== undefined || server === undefined) {
      this.status = "error";
      this.message = options.configError ?? "the kubeconfig context names no cluster server";
      this.unreachableAt = Date.now();
      this.client = undefined;
    } else {
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
            if (this.codec.converts(type))
              this.converted.set(type.resource, { byStored: new Map(), byUser: new Map() });
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
    return this.status === "ready" || this.status === "reconnecting";
  }

  /** Resolves once every cache has synced; rejects if the cluster is (or becomes) unusable first. */
  whenReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.ready) {
          unsubscribe();
          resolve();
        } else if (this.status === "error") {
          unsubscribe();
          reject(new Error(this.message ?? `cluster ${this.name} is unusable`));
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
    if (cache !== undefined) return [...cache.byUser.keys()].flatMap((k) => this.primary(cache, k)?.user ?? []);
    return [...(this.informers.get(resource)?.items.values() ?? [])];
  }

  /** One cached object in user-facing form (of a name stored twice, the copy Calico's client addresses). */
  object(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = cacheKey(namespace, name);
    const cache = this.converted.get(resource);
    return cache === undefined ? this.informers.get(resource)?.items.get(key) : this.primary(cache, key)?.user;
  }

  /** The stored form of a cached object (what a replace must be based on). */
  storedObject(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = cacheKey(namespace, name);
    const cache = this.converted.get(resource);
    return cache === undefined ? this.informers.get(resource)?.items.get(key) : this.primary(cache, key)?.stored;
  }

  /** Every stored copy of one user-facing name (more than one only when a name is stored twice). */
  storedCopies(resource: string, namespace: string | undefined, name: string): StoredPair[] {
    const cache = this.converted.get(resource);
    if (cache === undefined) {
      const obj = this.informers.get(resource)?.items.get(cacheKey(namespace, name));
      return obj === undefined ? [] : [{ user: obj, stored: obj }];
    }
    return (cache.byUser.get(cacheKey(namespace, name)) ?? []).flatMap((k) => cache.byStored.get(k) ?? []);
  }

  /** User-facing names of `resource` held by more than one stored object, with every copy. */
  duplicates(resource: string): StoredPair[][] {
    const cache = this.converted.get(resource);
    if (cache === undefined) return [];
    return [...cache.byUser.values()]
      .filter((keys) => keys.length > 1)
      .map((keys) => keys.flatMap((k) => cache.byStored.get(k) ?? []));
  }

  /** How Palisade names the policies it writes here, from the cluster's Calico version. */
  get naming(): PolicyNaming {
    return this.calicoVersion().naming;
  }

  private calicoVersion(): ReturnType<typeof calicoVersionInfo> {
    const needNames = this.versionEvidence === undefined && this.storage === "v1";
    const stored = needNames
      ? [...this.converted.entries()]
          .filter(([resource]) => resource === "GlobalNetworkPolicy" || resource === "NetworkPolicy")
          .flatMap(([, cache]) => [...cache.byStored.values()].map((p) => p.stored))
      : [];
    return calicoVersionInfo(this.storage, this.versionEvidence, needNames ? tieredFromStoredNames(stored) : undefined);
  }

  /**
   * Of the copies of one name, the one Calico's client reads and writes: the CR with the name this version stores it
   * under, else the first stored.
   */
  private primary(cache: ConvertedCache, userKey: string): StoredPair | undefined {
    const keys = cache.byUser.get(userKey);
    if (keys === undefined || keys.length === 0) return undefined;
    if (keys.length > 1) {
      const first = cache.byStored.get(keys[0] ?? "");
      const user = first?.user;
      if (user !== undefined && user.kind !== undefined) {
        const wanted = this.codec.storedName(user.kind, user.metadata.name);
        const match = keys.find((k) => cache.byStored.get(k)?.stored.metadata.name === wanted);
        if (match !== undefined) return cache.byStored.get(match);
      }
    }
    return cache.byStored.get(keys[0] ?? "");
  }

  /** The name an object has in storage (classic storage may carry a `default.` prefix). */
  storageName(type: ResourceType, namespace: string | undefined, name: string): string {
    return this.storedObject(type.resource, namespace, name)?.metadata.name ?? name;
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
      status: this.status,
      ...(this.message === undefined ? {} : { message: this.message }),
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
    return this.unreachableAt;
  }

  get statusNow(): { status: ClusterStatus; message?: string } {
    return this.message === undefined ? { status: this.status } : { status: this.status, message: this.message };
  }

  private emitChange(type: ResourceType, action: ChangeAction, stored: KubeObject): void {
    let object = this.codec.fromStorage(type, stored);
    const cache = this.converted.get(type.resource);
    if (cache !== undefined) {
      const userKey = cacheKey(object.metadata.namespace, object.metadata.name);
      const storedKey = cacheKey(stored.metadata.namespace, stored.metadata.name);
      const previous = cache.byStored.get(storedKey);
      const previousUserKey =
        previous === undefined ? undefined : cacheKey(previous.user.metadata.namespace, previous.user.metadata.name);
      // A CR whose annotation now names another policy leaves its old name first.
      if (previous !== undefined && previousUserKey !== undefined && previousUserKey !== userKey) {
        const rest = this.dropCopy(cache, previousUserKey, storedKey);
        this.model.apply(type.resource, rest === undefined ? "deleted" : "modified", rest?.user ?? previous.user);
      }
      if (action === "deleted") {
        cache.byStored.delete(storedKey);
        const rest = this.dropCopy(cache, userKey, storedKey);
        // The name is still stored under another CR: the index keeps that copy.
        if (rest !== undefined) {
          action = "modified";
          object = rest.user;
        }
      } else {
        cache.byStored.set(storedKey, { user: object, stored });
        const keys = cache.byUser.get(userKey) ?? [];
        if (!keys.includes(storedKey)) cache.byUser.set(userKey, [...keys, storedKey]);
        object = this.primary(cache, userKey)?.user ?? object;
      }
    }
    this.model.apply(type.resource, action, object);
    this.generation++;
    for (const l of this.cacheListeners) l({ type, action, object });
    this.emit({
      type: "change",
      cluster: this.name,
      action,
      resource: type.resource,
      name: object.metadata.name,
      ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
      resourceVersion: object.metadata.resourceVersion ?? "",
    });
  }

  /** Removes one stored copy from a user-facing name; returns the copy that now stands for the name, if any. */
  private dropCopy(cache: ConvertedCache, userKey: string, storedKey: string): StoredPair | undefined {
    const keys = (cache.byUser.get(userKey) ?? []).filter((k) => k !== storedKey);
    if (keys.length === 0) {
      cache.byUser.delete(userKey);
      return undefined;
    }
    cache.byUser.set(userKey, keys);
    return this.primary(cache, userKey);
  }

  private refreshStatus(): void {
    const informers = [...this.informers.values()];
    const failing = informers.find((i) => i.lastError !== undefined);
    if (informers.every((i) => i.synced)) {
      if (failing !== undefined) this.setStatus("reconnecting", `${failing.resource}: ${failing.lastError}`);
      else this.setStatus("ready", undefined);
    } else {
      this.setStatus("syncing", failing === undefined ? undefined : `${failing.resource}: ${failing.lastError}`);
    }
  }

  private setStatus(status: ClusterStatus, message: string | undefined): void {
    if (status === this.status && message === this.message) return;
    const unreachable = status === "error" || status === "reconnecting";
    if (!unreachable) this.unreachableAt = undefined;
    else if (this.unreachableAt === undefined) this.unreachableAt = Date.now();
    this.status = status;
    this.message = message;
    this.emit({ type: "status", cluster: this.name, status, ...(message === undefined ? {} : { message }) });
  }

  private emit(event: ServerEvent): void {
    for (const l of this.eventListeners) l(event);
  }
}

function codecFor(storage: CalicoStorage, naming: () => PolicyNaming): StorageCodec {
  return storage === "v1" ? classicCodec(naming) : directCodec(storage);
}
