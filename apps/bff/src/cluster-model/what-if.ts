import type { Cluster } from "../kube/cluster";
import { CACHED_TYPES, type KubeObject, objectKey } from "../kube/resources";
import { ClusterModel } from "./cluster-model";

/** One object in a hypothetical change: its cached resource name and the object (v3 form), or a removal. */
export interface WhatIfChange {
  readonly resource: string;
  readonly namespace: string | undefined;
  readonly name: string;
  /** The new object; undefined removes it. */
  readonly object: KubeObject | undefined;
}

/**
 * A match index of the cluster as it would be after `changes`, built from the cache without touching the live
 * model (for lock-out warnings, delete impact and explain-before-apply). Cost is one full index build.
 */
export function whatIfModel(cluster: Cluster, changes: readonly WhatIfChange[]): ClusterModel {
  const model = new ClusterModel();
  const changed = new Map<string, WhatIfChange>();
  for (const c of changes) changed.set(`${c.resource}|${objectKey(c.namespace, c.name)}`, c);
  for (const type of CACHED_TYPES) {
    for (const obj of cluster.objects(type.resource)) {
      if (changed.has(`${type.resource}|${objectKey(obj.metadata.namespace, obj.metadata.name)}`)) continue;
      model.apply(type.resource, "added", obj);
    }
  }
  for (const c of changed.values()) {
    if (c.object !== undefined) model.apply(c.resource, "added", c.object);
  }
  return model;
}
