/**
 * One instance of each distinct value, shared by all that hold an equal one. A value is known by a key that equal
 * values share; each holder acquires it once and releases it when done, and a value nobody holds is forgotten, so
 * the table never outgrows what is held.
 */
export class SharedValues<T> {
  private readonly entries = new Map<string, { readonly value: T; holders: number }>();

  /** The shared instance for `key` (`value` itself if none is held yet), now held once more. */
  acquire(key: string, value: T): T {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.entries.set(key, { value, holders: 1 });
      return value;
    }
    entry.holders++;
    return entry.value;
  }

  /** One holder of the value for `key` no longer holds it. */
  release(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    entry.holders--;
    if (entry.holders === 0) this.entries.delete(key);
  }
}
