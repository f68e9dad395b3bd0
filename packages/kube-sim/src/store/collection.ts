import type { KubeObject } from "../api/object";
import { compareKeys, lowerBound, upperBound } from "./key-order";

/** Below this many pending writes a read splices them in (a binary search and one move of the array's tail each). */
const SPLICE_UP_TO = 64;

/**
 * One resource's objects by key (`etcdKey`), with the keys in list order (`compareKeys`) once a read needs them,
 * so a page of a list costs a binary search plus the page instead of a sort of the collection. The order is sorted
 * on the first ordered read; after that, writes only note the keys they add or delete (seeding a large scenario or
 * deleting a collection pays nothing per object for the order), and the next read settles them: a few by splicing
 * each in or out, many in one merge pass (O(n + k log k)).
 */
export class Collection {
  private readonly byKey = new Map<string, KubeObject>();
  private sorted: string[] | undefined;
  /** Keys added since the last settle, not yet in `sorted`. */
  private readonly added = new Set<string>();
  /** Keys in `sorted` deleted since the last settle. */
  private readonly deleted = new Set<string>();

  /** `spliceUpTo`: how many pending writes a read splices in one by one rather than merging. */
  constructor(private readonly spliceUpTo = SPLICE_UP_TO) {}

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): KubeObject | undefined {
    return this.byKey.get(key);
  }

  /** Stores `object` under `key`; answers the object it replaced. */
  set(key: string, object: KubeObject): KubeObject | undefined {
    const previous = this.byKey.get(key);
    this.byKey.set(key, object);
    // A key deleted and added back since the last settle is in both sets: a settle removes it, then adds it.
    if (previous === undefined && this.sorted !== undefined) this.added.add(key);
    return previous;
  }

  /** Removes the object under `key`; answers it. */
  delete(key: string): KubeObject | undefined {
    const previous = this.byKey.get(key);
    if (previous === undefined) return undefined;
    this.byKey.delete(key);
    if (this.sorted !== undefined && !this.added.delete(key)) this.deleted.add(key);
    return previous;
  }

  /** Every object, in no particular order. */
  values(): IterableIterator<KubeObject> {
    return this.byKey.values();
  }

  /**
   * The objects of one namespace (all when undefined) whose keys come after `after` ("" for the start), in list
   * order. Consume it before the next write: callers finish one page before anything else runs.
   */
  *after(namespace: string | undefined, after: string): Generator<KubeObject> {
    const keys = this.keys();
    const [lo, hi] = bounds(keys, namespace, after);
    for (let i = lo; i < hi; i++) {
      const obj = this.byKey.get(keys[i] ?? "");
      if (obj !== undefined) yield obj;
    }
  }

  /** How many objects of one namespace (all when undefined) have keys after `after`. */
  countAfter(namespace: string | undefined, after: string): number {
    const [lo, hi] = bounds(this.keys(), namespace, after);
    return hi - lo;
  }

  private keys(): readonly string[] {
    if (this.sorted === undefined) {
      this.sorted = [...this.byKey.keys()].sort(compareKeys);
      return this.sorted;
    }
    const pending = this.added.size + this.deleted.size;
    if (pending === 0) return this.sorted;
    if (pending <= this.spliceUpTo) {
      for (const key of this.deleted) this.sorted.splice(lowerBound(this.sorted, key), 1);
      for (const key of this.added) this.sorted.splice(lowerBound(this.sorted, key), 0, key);
    } else {
      this.sorted = merge(this.sorted, this.deleted, [...this.added].sort(compareKeys));
    }
    this.added.clear();
    this.deleted.clear();
    return this.sorted;
  }
}

/** `sorted` without `deleted`, with `added` (sorted; in `sorted` only if also in `deleted`) merged in. */
function merge(sorted: readonly string[], deleted: ReadonlySet<string>, added: readonly string[]): string[] {
  const out: string[] = [];
  let j = 0;
  for (const key of sorted) {
    if (deleted.has(key)) continue;
    while (j < added.length && compareKeys(added[j] ?? "", key) < 0) out.push(added[j++] ?? "");
    out.push(key);
  }
  while (j < added.length) out.push(added[j++] ?? "");
  return out;
}

/** The index range of a namespace's keys after `after`: they all start with `<namespace>/`, and `0` follows `/`. */
function bounds(keys: readonly string[], namespace: string | undefined, after: string): [number, number] {
  const lo = namespace === undefined ? 0 : lowerBound(keys, `${namespace}/`);
  const hi = namespace === undefined ? keys.length : lowerBound(keys, `${namespace}0`);
  return [after === "" ? lo : Math.min(hi, Math.max(lo, upperBound(keys, after))), hi];
}
