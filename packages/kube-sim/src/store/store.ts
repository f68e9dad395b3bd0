import type { KubeObject } from "../api/object";
import { Collection } from "./collection";
import { etcdKey } from "./key-order";

/** A stored resource's identity: its group and plural name, whatever version it is served at. */
export interface ResourceKey {
  readonly group: string;
  readonly plural: string;
}

export type EventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoreEvent {
  readonly type: EventType;
  readonly revision: number;
  readonly resource: string;
  readonly object: KubeObject;
  /** The object before a MODIFIED event, so filtered watches can turn it into ADDED or DELETED. */
  readonly previous?: KubeObject;
}

export interface StoreSnapshot {
  readonly revision: number;
  readonly objects: ReadonlyArray<{ readonly group: string; readonly plural: string; readonly object: KubeObject }>;
}

function resourceId(r: ResourceKey): string {
  return `${r.group}/${r.plural}`;
}

/**
 * Objects with one cluster-wide revision counter, as etcd's revision is for an API server, and a bounded event log
 * that watches resume from. A watch from a revision older than the log is answered with 410 Gone by the caller.
 */
export class Store {
  private rev = 1;
  /** Events at or below this revision are gone; watches must start at or above it. */
  private compacted = 1;
  private readonly objects = new Map<string, Collection>();
  private readonly log: StoreEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  /** With {@link holdEvents}: the highest revision watchers may see, and the events not yet shown to them. */
  private held: { upTo: number; events: StoreEvent[] } | undefined;

  constructor(private readonly window = 1000) {}

  get revision(): number {
    return this.rev;
  }

  /** The highest revision watches have been told about (bookmarks and resumes stop there). */
  get published(): number {
    return this.held?.upTo ?? this.rev;
  }

  /**
   * From now on, changes reach watches only through {@link publish}: a store persisted to disk shows a change once
   * it is durable, as etcd's watch shows only committed revisions.
   */
  holdEvents(): void {
    this.held = { upTo: this.rev, events: [] };
  }

  /** Shows watches the held changes up to `revision` (it is durable now). */
  publish(revision: number): void {
    const held = this.held;
    if (held === undefined || revision <= held.upTo) return;
    held.upTo = revision;
    while ((held.events[0]?.revision ?? Number.POSITIVE_INFINITY) <= revision) {
      const event = held.events.shift() as StoreEvent;
      for (const l of this.listeners) l(event);
    }
  }

  get oldestResumable(): number {
    return this.compacted;
  }

  get(r: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(resourceId(r))?.get(etcdKey(namespace, name));
  }

  /** All objects of a resource (optionally one namespace), in list order (etcd's key order, `compareKeys`). */
  list(r: ResourceKey, namespace?: string): KubeObject[] {
    return [...this.after(r, namespace, "")];
  }

  /**
   * Objects of a resource (optionally one namespace) whose keys (`etcdKey`) come after `after`, in list order:
   * where a continued list resumes. Consume it before the next write.
   */
  after(r: ResourceKey, namespace: string | undefined, after: string): Iterable<KubeObject> {
    return this.objects.get(resourceId(r))?.after(namespace, after) ?? [];
  }

  /** How many objects of a resource (optionally one namespace) have keys after `after`. */
  countAfter(r: ResourceKey, namespace: string | undefined, after: string): number {
    return this.objects.get(resourceId(r))?.countAfter(namespace, after) ?? 0;
  }

  /** Stores an object at the next revision (its resourceVersion), and records the event. */
  put(r: ResourceKey, object: KubeObject, type: "ADDED" | "MODIFIED"): KubeObject {
    this.rev += 1;
    const stored: KubeObject = { ...object, metadata: { ...object.metadata, resourceVersion: String(this.rev) } };
    const id = resourceId(r);
    let bucket = this.objects.get(id);
    if (bucket === undefined) {
      bucket = new Collection();
      this.objects.set(id, bucket);
    }
    const key = etcdKey(stored.metadata.namespace, stored.metadata.name ?? "");
    const previous = bucket.set(key, stored);
    this.record({ type, revision: this.rev, resource: id, object: stored, ...(previous ? { previous } : {}) });
    return stored;
  }

  /** Removes an object; the DELETED event carries the deletion's revision, as a watch on a real server shows. */
  remove(r: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined {
    const id = resourceId(r);
    const old = this.objects.get(id)?.delete(etcdKey(namespace, name));
    if (old === undefined) return undefined;
    this.rev += 1;
    const gone: KubeObject = { ...old, metadata: { ...old.metadata, resourceVersion: String(this.rev) } };
    this.record({ type: "DELETED", revision: this.rev, resource: id, object: gone });
    return gone;
  }

  /** Events of one resource after `revision`, or undefined when some of them are no longer retained. */
  eventsSince(r: ResourceKey, revision: number): StoreEvent[] | undefined {
    if (revision < this.compacted) return undefined;
    const id = resourceId(r);
    const upTo = this.published;
    return this.log.filter((e) => e.revision > revision && e.revision <= upTo && e.resource === id);
  }

  subscribe(listener: (e: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets history up to now: what a freshly started API server's watch cache knows. */
  compact(): void {
    this.log.length = 0;
    this.compacted = this.rev;
  }

  snapshot(): StoreSnapshot {
    const objects: { group: string; plural: string; object: KubeObject }[] = [];
    for (const [id, bucket] of this.objects) {
      const slash = id.indexOf("/");
      for (const object of bucket.values())
        objects.push({ group: id.slice(0, slash), plural: id.slice(slash + 1), object });
    }
    return { revision: this.rev, objects };
  }

  restore(snapshot: StoreSnapshot): void {
    this.objects.clear();
    for (const { group, plural, object } of snapshot.objects) {
      const id = resourceId({ group, plural });
      let bucket = this.objects.get(id);
      if (bucket === undefined) {
        bucket = new Collection();
        this.objects.set(id, bucket);
      }
      bucket.set(etcdKey(object.metadata.namespace, object.metadata.name ?? ""), object);
    }
    this.rev = snapshot.revision;
    if (this.held !== undefined) this.held = { upTo: this.rev, events: [] };
    this.compact();
  }

  private record(event: StoreEvent): void {
    this.log.push(event);
    while (this.log.length > this.window) {
      const dropped = this.log.shift();
      if (dropped !== undefined) this.compacted = dropped.revision;
    }
    if (this.held !== undefined) this.held.events.push(event);
    else for (const l of this.listeners) l(event);
  }
}
