import type { KubeObject } from "../api/object";
import { compareKeys, lowerBound, upperBound } from "./key-order";

/**
 * One resource's objects by key (`objectKey`), with the keys in list order (`compareKeys`) once a read needs them:
 * sorted on the first ordered read, then kept sorted by every insert and delete (a binary search and one move of
 * the array's tail), so a page of a list costs a binary search plus the page instead of a sort of the collection.
 * Until then writes cost nothing extra, so seeding a large scenario does not pay for the order.
 */
export class Collection {
  private readonly byKey = new Map<string, KubeObject>();
  private sorted: string[] | undefined;

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
    if (previous === undefined && this.sorted !== undefined) {
      this.sorted.splice(lowerBound(this.sorted, key), 0, key);
    }
    return previous;
  }

  /** Removes the object under `key`; answers it. */
  delete(key: string): KubeObject | undefined {
    const previous = this.byKey.get(key);
    if (previous === undefined) return undefined;
    this.byKey.delete(key);
    if (this.sorted !== undefined) this.sorted.splice(lowerBound(this.sorted, key), 1);
    return previous;
  }

  /** Every object, in no particular order. */
  values(): IterableIterator<KubeObject> {
    return this.byKey.values();
  }

  /**
   * The objects of one namespace (all when undefined) whose keys come after `after` ("" for the start), in list
   * order. Writes during the iteration are not seen by it: callers finish one page before anything else runs.
   */
  *after(namespace: string | undefined, after: string): Generator<KubeObject> {
    const keys = this.keys();
    const [lo, hi] = this.bounds(keys, namespace, after);
    for (let i = lo; i < hi; i++) {
      const obj = this.byKey.get(keys[i] ?? "");
      if (obj !== undefined) yield obj;
    }
  }

  /** How many objects of one namespace (all when undefined) have keys after `after`. */
  countAfter(namespace: string | undefined, after: string): number {
    const [lo, hi] = this.bounds(this.keys(), namespace, after);
    return hi - lo;
  }

  private keys(): readonly string[] {
    if (this.sorted === undefined) this.sorted = [...this.byKey.keys()].sort(compareKeys);
    return this.sorted;
  }

  /** The index range of a namespace's keys after `after`: they all start with `<namespace>/`, and `0` follows `/`. */
  private bounds(keys: readonly string[], namespace: string | undefined, after: string): [number, number] {
    const lo = namespace === undefined ? 0 : lowerBound(keys, `${namespace}/`);
    const hi = namespace === undefined ? keys.length : lowerBound(keys, `${namespace}0`);
    return [after === "" ? lo : Math.min(hi, Math.max(lo, upperBound(keys, after))), hi];
  }
}
