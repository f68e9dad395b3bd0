import {
  clientPolicyForm,
  clientReadForm,
  fromV1Storage,
  type PolicyNaming,
  type StoredObject,
  storedPolicyName,
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
  /** The name a new object of `kind` named `name` is stored under. */
  storedName(kind: string, name: string): string;
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
    storedName: (_kind, name) => name,
  };
}

/** `metav1.Now()` as Go marshals it: RFC 3339 in UTC, whole seconds. */
function nowTimestamp(): string {
  return `${new Date().toISOString().slice(0, 19)}Z`;
}

/**
 * Classic `crd.projectcalico.org/v1` storage, converted as libcalico-go does (docs/calico-semantics.md section 3, via
 * the calico package): v3 metadata in the `projectcalico.org/metadata` annotation, mapped UIDs, `default.` prefixes
 * dropped on read, and policies read as clientv3 reads them (`clientReadForm`: tier and tier label filled in). Writes store what the cluster's own calicoctl stores for the same object (clientv3 over the KDD
 * backend): the policy in its Go form with clientv3's defaults (`clientPolicyForm`), named as that Calico version
 * names it (`naming`), and the creation time in the annotation, kept from the live object on a replace.
 */
export function classicCodec(naming: () => PolicyNaming): StorageCodec {
  const direct = directCodec("v1");
  const storedName = (kind: string, name: string) =>
    TIERED_POLICY_KINDS.has(kind) ? storedPolicyName(name, naming()) : name;
  return {
    fromStorage: (type, stored) => {
      if (type.group !== "calico") return direct.fromStorage(type, stored);
      const converted = fromV1Storage({ ...(stored as StoredObject), kind: stored.kind ?? type.kind });
      if (!converted.ok) {
        // An object Palisade cannot read back is shown as stored rather than dropped; its problems are in its YAML.
        return { ...stored, apiVersion: "projectcalico.org/v3", kind: stored.kind ?? type.kind };
      }
      const read = converted.value as KubeObject;
      return TIERED_POLICY_KINDS.has(type.kind) ? clientReadForm(read) : read;
    },
    toStorage: (type, obj, liveStored) => {
      if (type.group !== "calico") return direct.toStorage(type, obj, liveStored);
      const live =
        liveStored === undefined ? undefined : fromV1Storage({ ...(liveStored as StoredObject), kind: type.kind });
      const created =
        (live?.ok === true ? live.value.metadata.creationTimestamp : undefined) ?? obj.metadata.creationTimestamp;
      const withTime: KubeObject = {
        ...obj,
        metadata: { ...obj.metadata, creationTimestamp: created ?? nowTimestamp() },
      };
      const form = TIERED_POLICY_KINDS.has(type.kind) ? clientPolicyForm(withTime) : withTime;
      const converted = toV1Storage(
        { ...(form as StoredObject), kind: type.kind },
        { storedName: liveStored?.metadata.name ?? storedName(type.kind, obj.metadata.name) },
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
    storedName,
  };
}
