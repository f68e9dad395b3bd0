import type { Cluster } from "../clusters/cluster";
import { cacheKey, type KubeObject } from "../kube/resources";
import type { ClusterModel } from "./cluster-model";

/** One object in a hypothetical change: its cached resource name and the object (v3 form), or a removal. */
export interface WhatIfChange {
  readonly resource: string;
  readonly namespace: string | undefined;
  readonly name: string;
  /** The new object; undefined removes it. */
  readonly object: KubeObject | undefined;
}

/**
 * Runs `fn` on the cluster's live model as it would be after `changes`, then puts the live objects back: the
 * what-if is a delta on the live index (each change costs what the informer's own update of that object costs), not
 * a copy of the whole model. `fn` must be synchronous and must not keep the model: nothing else runs on the event loop
 * while the change is applied, and once `whatIf` returns the model is the live one again, also when `fn` throws.
 * What `fn` reads from the index before the change (policies, endpoints, per-endpoint lists) stays valid: the index
 * replaces those objects and never mutates them.
 */
export function whatIf<T>(
  cluster: Pick<Cluster, "model" | "object">,
  changes: readonly WhatIfChange[],
  fn: (after: ClusterModel) => T,
): T {
  const model = cluster.model;
  // The last change to an object wins, as when a copy was built from the cache with the changes laid over it.
  const byObject = new Map<string, { change: WhatIfChange; live: KubeObject | undefined }>();
  for (const change of changes) {
    const key = `${change.resource}|${cacheKey(change.namespace, change.name)}`;
    byObject.delete(key);
    byObject.set(key, { change, live: cluster.object(change.resource, change.namespace, change.name) });
  }
  const applied: { change: WhatIfChange; live: KubeObject | undefined }[] = [];
  try {
    for (const entry of byObject.values()) {
      applied.push(entry);
      // Removing the live object first: a proposed object the index refuses (a selector that does not parse) then
      // leaves nothing in its place, as it would in a model built without the live object.
      if (entry.live !== undefined) model.apply(entry.change.resource, "deleted", entry.live);
      if (entry.change.object !== undefined) model.apply(entry.change.resource, "added", entry.change.object);
    }
    return fn(model);
  } finally {
    for (const { change, live } of applied.reverse()) {
      if (change.object !== undefined) model.apply(change.resource, "deleted", change.object);
      if (live !== undefined) model.apply(change.resource, "added", live);
    }
  }
}
