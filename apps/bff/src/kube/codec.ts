import {
  applyPolicyDefaults,
  fromV1Storage,
  type StoredObject,
  TIERED_POLICY_KINDS,
  toV1Storage,
} from "@palisade/calico";
import type { CalicoStorage } from "@palisade/contract";
import { KubeError } from "./http";
import { groupVersion, type KubeObject, type ResourceType } from "./resources";

/** Converts between what the cluster stores and what users see and write (docs/calico-semantics.md section 3). */
export interface StorageCodec {
  /** A stored object in user-facing form. */
  fromStorage(type: ResourceType, stored: KubeObject): KubeObject;
  /** A user-facing object as the cluster must store it; `liveStored` is the stored object being replaced. */
  toStorage(type: ResourceType, obj: KubeObject, liveStored: KubeObject | undefined): KubeObject;
  /**
   * Whether stored objects of this type become other objects in user-facing form. When not, `fromStorage` returns
   * an object that has apiVersion and kind as it is, so a cache keeps one object for both forms.
   */
  converts(type: ResourceType): boolean;
}

/**
 * `projectcalico.org/v3` (native or via the Calico API server) and the Kubernetes kinds: stored as users write them.
 * List items come without kind and apiVersion, so those are filled in (in a copy); an object that carries both, as
 * every cached one does (projection.ts), is used as it is, so the cache holds it once.
 */
export function directCodec(storage: CalicoStorage): StorageCodec {
  return {
    fromStorage: (type, stored) =>
      stored.apiVersion !== undefined && stored.kind !== undefined
        ? stored
        : { ...stored, apiVersion: stored.apiVersion ?? groupVersion(type, storage), kind: stored.kind ?? type.kind },
    toStorage: (type, obj) => ({ ...obj, apiVersion: groupVersion(type, storage), kind: type.kind }),
    converts: () => false,
  };
}

/**
 * Classic `crd.projectcalico.org/v1` storage, converted as libcalico-go does (docs/calico-semantics.md section 3, via
 * the calico package): v3 metadata in the `projectcalico.org/metadata` annotation, mapped UIDs, `default.` prefixes
 * dropped on read and kept on write for objects stored that way. Policies get the defaults Calico's client applies
 * before storing (types, tier, the tier label), so what Palisade writes is what calicoctl would.
 */
export function classicCodec(): StorageCodec {
  const direct = directCodec("v1");
  return {
    fromStorage: (type, stored) => {
      if (type.group !== "calico") return direct.fromStorage(type, stored);
      const converted = fromV1Storage({ ...(stored as StoredObject), kind: stored.kind ?? type.kind });
      if (!converted.ok) {
        // An object Palisade cannot read back is shown as stored rather than dropped; its problems are in its YAML.
        return { ...stored, apiVersion: "projectcalico.org/v3", kind: stored.kind ?? type.kind };
      }
      return converted.value as KubeObject;
    },
    toStorage: (type, obj, liveStored) => {
      if (type.group !== "calico") return direct.toStorage(type, obj, liveStored);
      const withDefaults = TIERED_POLICY_KINDS.has(type.kind) ? applyPolicyDefaults(obj) : obj;
      const prefixed = liveStored !== undefined && liveStored.metadata.name !== obj.metadata.name;
      const converted = toV1Storage(
        { ...(withDefaults as StoredObject), kind: type.kind },
        { tierPrefixedNames: prefixed },
      );
      if (!converted.ok) {
        const causes = converted.errors.map((e) => ({ field: e.path, message: e.message }));
        throw new KubeError(422, "Invalid", converted.errors.map((e) => `${e.path}: ${e.message}`).join("; "), {
          kind: "Status",
          code: 422,
          reason: "Invalid",
          details: { causes },
        });
      }
      return converted.value as KubeObject;
    },
    converts: (type) => type.group === "calico",
  };
}
