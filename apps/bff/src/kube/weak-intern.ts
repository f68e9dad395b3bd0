/**
 * One instance of each distinct value among those alive, by a key that equal values share: `intern` returns the
 * instance already held somewhere for the key, or adopts the given one. The table holds values weakly, so it never
 * keeps one alive, and a collected value's key is dropped; nobody has to say when they stop holding a value.
 */
export class WeakIntern<T extends object> {
  private readonly refs = new Map<string, WeakRef<T>>();
  private readonly cleanup = new FinalizationRegistry<string>((key) => {
    if (this.refs.get(key)?.deref() === undefined) this.refs.delete(key);
  });

  intern(key: string, value: T): T {
    const held = this.refs.get(key)?.deref();
    if (held !== undefined) return held;
    this.refs.set(key, new WeakRef(value));
    this.cleanup.register(value, key);
    return value;
  }
}
