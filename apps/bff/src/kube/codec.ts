import type { CalicoStorage } from "@palisade/contract";
import { groupVersion, type KubeObject, type ResourceType } from "./resources";

/** Converts between what the cluster stores and what users see and write (calico-semantics.md section 3). */
export interface StorageCodec {
  /** A stored object in user-facing form. */
  fromStorage(type: ResourceType, stored: KubeObject): KubeObject;
  /** A user-facing object as the cluster must store it; `liveStored` is the stored object being replaced. */
  toStorage(type: ResourceType, obj: KubeObject, liveStored: KubeObject | undefined): KubeObject;
}

/**
 * `projectcalico.org/v3` (native or via the Calico API server) and the Kubernetes kinds: stored as users write them.
 * List items of built-in kinds come without kind and apiVersion, so those are filled in.
 */
export function directCodec(storage: CalicoStorage): StorageCodec {
  return {
    fromStorage: (type, stored) => ({
      ...stored,
      apiVersion: stored.apiVersion ?? groupVersion(type, storage),
      kind: stored.kind ?? type.kind,
    }),
    toStorage: (type, obj) => ({ ...obj, apiVersion: groupVersion(type, storage), kind: type.kind }),
  };
}
