/**
 * `crd.projectcalico.org/v1` storage objects to and from `projectcalico.org/v3` objects, as libcalico-go's
 * `ConvertCalicoResourceToK8sResource` / `ConvertK8sResourceToCalicoResource` do (docs/calico-semantics.md §3):
 * the v3 metadata travels as JSON in the `projectcalico.org/metadata` annotation, the CR keeps only labels and
 * annotations Calico owns, UIDs are mapped, and policy names lose their `default.` prefix on read.
 */
import { CALICO_API_VERSION, TIERED_POLICY_KINDS } from "../model/kinds";
import type { FieldError } from "../validate/issues";
import { determinePolicyName } from "./policy-name";
import { convertUid } from "./uid";

export const V1_API_VERSION = "crd.projectcalico.org/v1";
export const METADATA_ANNOTATION = "projectcalico.org/metadata";

type Json = Record<string, unknown>;

export interface StoredObject {
  apiVersion: string;
  kind: string;
  metadata: Json;
  spec?: unknown;
  [key: string]: unknown;
}

export type ConversionResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Labels and annotations Calico owns stay on the v1 CR (`isOurs`). */
export function isCalicoOwnedKey(key: string): boolean {
  return key.includes("projectcalico.org/") || key.includes("operator.tigera.io/");
}

function record(value: unknown): Json | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  const r = record(value);
  if (r === undefined) return undefined;
  return Object.fromEntries(Object.entries(r).filter((e): e is [string, string] => typeof e[1] === "string"));
}

function mapOwners(refs: unknown, from: readonly string[], to: string): ConversionResult<Json[] | undefined> {
  if (!Array.isArray(refs)) return { ok: true, value: undefined };
  const out: Json[] = [];
  for (const [i, raw] of refs.entries()) {
    const ref = record(raw);
    if (ref === undefined) continue;
    if (!from.includes(String(ref.apiVersion))) {
      out.push({ ...ref });
      continue;
    }
    const uid = convertUid(String(ref.uid ?? ""));
    if (uid === undefined) {
      return {
        ok: false,
        errors: [
          { path: `metadata.ownerReferences[${i}].uid`, message: `owner UID ${JSON.stringify(ref.uid)} is not a UUID` },
        ],
      };
    }
    out.push({ ...ref, apiVersion: to, uid });
  }
  return { ok: true, value: out };
}

/** The metadata annotation as Go's json.Marshal of ObjectMeta writes it (field order, null creationTimestamp). */
function metadataAnnotation(meta: Json, kind: string, owners: Json[] | undefined): string {
  const out: Json = {};
  if (TIERED_POLICY_KINDS.has(kind) && typeof meta.name === "string" && meta.name !== "") out.name = meta.name;
  if (typeof meta.generateName === "string" && meta.generateName !== "") out.generateName = meta.generateName;
  if (typeof meta.generation === "number" && meta.generation !== 0) out.generation = meta.generation;
  out.creationTimestamp = meta.creationTimestamp ?? null;
  if (meta.deletionTimestamp != null) out.deletionTimestamp = meta.deletionTimestamp;
  const labels = stringMap(meta.labels);
  if (labels !== undefined && Object.keys(labels).length > 0) out.labels = labels;
  const annotations = stringMap(meta.annotations);
  if (annotations !== undefined && Object.keys(annotations).length > 0) out.annotations = annotations;
  if (owners !== undefined && owners.length > 0) out.ownerReferences = owners;
  if (Array.isArray(meta.finalizers) && meta.finalizers.length > 0) out.finalizers = meta.finalizers;
  return JSON.stringify(out);
}

export interface ToStorageOptions {
  /**
   * The CR's name when it is not the v3 name: a policy as Calico up to v3.31 stores it (`tieredPolicyName`), or the
   * name an existing CR already has.
   */
  readonly storedName?: string;
}

/** A v3 object as the v1 CR that stores it. */
export function toV1Storage(resource: StoredObject, options: ToStorageOptions = {}): ConversionResult<StoredObject> {
  const meta = resource.metadata;
  const owners = mapOwners(meta.ownerReferences, [CALICO_API_VERSION], V1_API_VERSION);
  if (!owners.ok) return owners;
  const annotations: Record<string, string> = {
    [METADATA_ANNOTATION]: metadataAnnotation(meta, resource.kind, owners.value),
  };
  for (const [k, v] of Object.entries(stringMap(meta.annotations) ?? {})) if (isCalicoOwnedKey(k)) annotations[k] = v;
  const labels = Object.entries(stringMap(meta.labels) ?? {}).filter(([k]) => isCalicoOwnedKey(k));
  const name = String(meta.name ?? "");
  const v1Meta: Json = { name: options.storedName ?? name };
  if (typeof meta.namespace === "string" && meta.namespace !== "") v1Meta.namespace = meta.namespace;
  if (typeof meta.resourceVersion === "string" && meta.resourceVersion !== "")
    v1Meta.resourceVersion = meta.resourceVersion;
  if (typeof meta.uid === "string" && meta.uid !== "") {
    const uid = convertUid(meta.uid);
    if (uid === undefined)
      return {
        ok: false,
        errors: [{ path: "metadata.uid", message: `UID ${JSON.stringify(meta.uid)} is not a UUID` }],
      };
    v1Meta.uid = uid;
  }
  if (labels.length > 0) v1Meta.labels = Object.fromEntries(labels);
  v1Meta.annotations = annotations;
  const { apiVersion: _a, metadata: _m, ...rest } = resource;
  return { ok: true, value: { ...rest, apiVersion: V1_API_VERSION, kind: resource.kind, metadata: v1Meta } };
}

/** A v1 CR as the v3 object it stores. */
export function fromV1Storage(cr: StoredObject): ConversionResult<StoredObject> {
  const crMeta = cr.metadata;
  let uid: string | undefined;
  if (typeof crMeta.uid === "string" && crMeta.uid !== "") {
    uid = convertUid(crMeta.uid);
    if (uid === undefined)
      return {
        ok: false,
        errors: [{ path: "metadata.uid", message: `UID ${JSON.stringify(crMeta.uid)} is not a UUID` }],
      };
  }
  const crAnnotations = stringMap(crMeta.annotations) ?? {};
  const raw = crAnnotations[METADATA_ANNOTATION];
  let stored: Json = {};
  if (raw !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return {
        ok: false,
        errors: [
          {
            path: `metadata.annotations["${METADATA_ANNOTATION}"]`,
            message: "the stored v3 metadata is not valid JSON",
          },
        ],
      };
    }
    stored = record(parsed) ?? {};
  }
  const owners = mapOwners(stored.ownerReferences, [V1_API_VERSION, CALICO_API_VERSION], CALICO_API_VERSION);
  if (!owners.ok) return owners;
  const { [METADATA_ANNOTATION]: _drop, ...otherAnnotations } = crAnnotations;
  const labels = { ...(stringMap(crMeta.labels) ?? {}), ...(stringMap(stored.labels) ?? {}) };
  const annotations = { ...otherAnnotations, ...(stringMap(stored.annotations) ?? {}) };
  const tier = record(cr.spec)?.tier;
  const crName = String(crMeta.name ?? "");
  const storedName = typeof stored.name === "string" && stored.name !== "" ? stored.name : undefined;
  const name =
    storedName ??
    (TIERED_POLICY_KINDS.has(cr.kind)
      ? determinePolicyName(crName, typeof tier === "string" ? tier : undefined)
      : crName);
  const meta: Json = { ...stored, name };
  if (typeof crMeta.namespace === "string" && crMeta.namespace !== "") meta.namespace = crMeta.namespace;
  else delete meta.namespace;
  if (typeof crMeta.resourceVersion === "string") meta.resourceVersion = crMeta.resourceVersion;
  if (uid !== undefined) meta.uid = uid;
  if (owners.value !== undefined) meta.ownerReferences = owners.value;
  if (Object.keys(labels).length > 0) meta.labels = labels;
  else delete meta.labels;
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  else delete meta.annotations;
  if (meta.creationTimestamp == null) {
    if (crMeta.creationTimestamp != null) meta.creationTimestamp = crMeta.creationTimestamp;
    else delete meta.creationTimestamp;
  }
  const { apiVersion: _a, metadata: _m, ...rest } = cr;
  return { ok: true, value: { ...rest, apiVersion: CALICO_API_VERSION, kind: cr.kind, metadata: meta } };
}
