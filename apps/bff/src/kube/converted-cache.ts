import type { StorageCodec } from "./codec";
import type { ChangeAction } from "./informer";
import { cacheKey, type KubeObject } from "./resources";

/** One stored object in both forms. */
export interface StoredPair {
  readonly user: KubeObject;
  readonly stored: KubeObject;
}

/** A change to one user-facing name. */
export interface UserChange {
  readonly action: ChangeAction;
  readonly object: KubeObject;
}

/**
 * The stored objects of one converted resource (Calico kinds in classic storage): by stored `namespace/name`, and
 * which of them stand for each user-facing `namespace/name`. Two CRs can be one Calico name (`x` and `default.x`);
 * Calico enforces both.
 */
export class ConvertedCache {
  private readonly byStored = new Map<string, StoredPair>();
  private readonly byUser = new Map<string, string[]>();

  constructor(private readonly codec: Pick<StorageCodec, "storedName">) {}

  /** Every user-facing name, each as the copy Calico's client addresses. */
  users(): KubeObject[] {
    return [...this.byUser.keys()].flatMap((k) => this.primary(k)?.user ?? []);
  }

  /** Every stored object. */
  stored(): KubeObject[] {
    return [...this.byStored.values()].map((p) => p.stored);
  }

  /**
   * Of the copies of one name, the one Calico's client reads and writes: the CR with the name this version stores it
   * under, else the first stored.
   */
  primary(userKey: string): StoredPair | undefined {
    const keys = this.byUser.get(userKey);
    if (keys === undefined || keys.length === 0) return undefined;
    if (keys.length > 1) {
      const first = this.byStored.get(keys[0] ?? "");
      const user = first?.user;
      if (user !== undefined && user.kind !== undefined) {
        const wanted = this.codec.storedName(user.kind, user.metadata.name);
        const match = keys.find((k) => this.byStored.get(k)?.stored.metadata.name === wanted);
        if (match !== undefined) return this.byStored.get(match);
      }
    }
    return this.byStored.get(keys[0] ?? "");
  }

  /** Every stored copy of one user-facing name. */
  copies(userKey: string): StoredPair[] {
    return (this.byUser.get(userKey) ?? []).flatMap((k) => this.byStored.get(k) ?? []);
  }

  /** User-facing names held by more than one stored object, with every copy. */
  duplicates(): StoredPair[][] {
    return [...this.byUser.values()]
      .filter((keys) => keys.length > 1)
      .map((keys) => keys.flatMap((k) => this.byStored.get(k) ?? []));
  }

  /**
   * Records a change to one stored object (`user` is its user-facing form). Returns the change to its user-facing
   * name, and the change to the name it left when its annotation now names another policy.
   */
  record(action: ChangeAction, user: KubeObject, stored: KubeObject): { change: UserChange; left?: UserChange } {
    const userKey = cacheKey(user.metadata.namespace, user.metadata.name);
    const storedKey = cacheKey(stored.metadata.namespace, stored.metadata.name);
    const previous = this.byStored.get(storedKey);
    const previousUserKey =
      previous === undefined ? undefined : cacheKey(previous.user.metadata.namespace, previous.user.metadata.name);
    let left: UserChange | undefined;
    // A CR whose annotation now names another policy leaves its old name first.
    if (previous !== undefined && previousUserKey !== undefined && previousUserKey !== userKey) {
      const rest = this.dropCopy(previousUserKey, storedKey);
      left = { action: rest === undefined ? "deleted" : "modified", object: rest?.user ?? previous.user };
    }
    let change: UserChange;
    if (action === "deleted") {
      this.byStored.delete(storedKey);
      const rest = this.dropCopy(userKey, storedKey);
      // The name is still stored under another CR: the index keeps that copy.
      change = rest === undefined ? { action, object: user } : { action: "modified", object: rest.user };
    } else {
      this.byStored.set(storedKey, { user, stored });
      const keys = this.byUser.get(userKey) ?? [];
      if (!keys.includes(storedKey)) this.byUser.set(userKey, [...keys, storedKey]);
      change = { action, object: this.primary(userKey)?.user ?? user };
    }
    return left === undefined ? { change } : { change, left };
  }

  /** Removes one stored copy from a user-facing name; returns the copy that now stands for the name, if any. */
  private dropCopy(userKey: string, storedKey: string): StoredPair | undefined {
    const keys = (this.byUser.get(userKey) ?? []).filter((k) => k !== storedKey);
    if (keys.length === 0) {
      this.byUser.delete(userKey);
      return undefined;
    }
    this.byUser.set(userKey, keys);
    return this.primary(userKey);
  }
}
