import type { ClusterStatus } from "@palisade/contract";
import type { Informer } from "./informer";

export interface StatusNow {
  readonly status: ClusterStatus;
  readonly message?: string;
}

const unreachable = (status: ClusterStatus) => status === "error" || status === "reconnecting";

/** A cluster's status with its message, and since when the cluster has been unreachable. */
export class ClusterStatusTracker {
  private status: ClusterStatus;
  private message: string | undefined;
  /** When the cluster stopped answering (Date.now()); undefined while it answers. */
  private unreachableAt: number | undefined;

  constructor(status: ClusterStatus, message: string | undefined) {
    this.status = status;
    this.message = message;
    this.unreachableAt = unreachable(status) ? Date.now() : undefined;
  }

  /** Records a status; returns false when it is the one already held. */
  set(status: ClusterStatus, message: string | undefined): boolean {
    if (status === this.status && message === this.message) return false;
    if (!unreachable(status)) this.unreachableAt = undefined;
    else if (this.unreachableAt === undefined) this.unreachableAt = Date.now();
    this.status = status;
    this.message = message;
    return true;
  }

  get now(): StatusNow {
    return this.message === undefined ? { status: this.status } : { status: this.status, message: this.message };
  }

  get unreachableSince(): number | undefined {
    return this.unreachableAt;
  }
}

/** The status the informers add up to: ready once all have synced, reconnecting (synced) or syncing on errors. */
export function informersStatus(informers: readonly Pick<Informer, "resource" | "synced" | "lastError">[]): {
  status: ClusterStatus;
  message: string | undefined;
} {
  const failing = informers.find((i) => i.lastError !== undefined);
  const message = failing === undefined ? undefined : `${failing.resource}: ${failing.lastError}`;
  if (!informers.every((i) => i.synced)) return { status: "syncing", message };
  return failing === undefined ? { status: "ready", message: undefined } : { status: "reconnecting", message };
}
