import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { stringify } from "yaml";
import type { KubeObject } from "../kube/resources";

/** Metadata the server maintains: never part of what a user edits or diffs. */
const SERVER_FIELDS = ["resourceVersion", "uid", "generation", "creationTimestamp", "managedFields", "selfLink"];
const SERVER_ANNOTATIONS = ["kubectl.kubernetes.io/last-applied-configuration"];

/** The object as a user edits it: no status, no server-maintained metadata, keys in a stable order. */
export function editable(obj: KubeObject): KubeObject {
  const { status: _status, metadata, ...rest } = obj;
  const meta: Record<string, unknown> = { ...metadata };
  for (const f of SERVER_FIELDS) delete meta[f];
  const annotations = { ...(metadata.annotations ?? {}) };
  for (const a of SERVER_ANNOTATIONS) delete annotations[a];
  if (Object.keys(annotations).length === 0) delete meta.annotations;
  else meta.annotations = annotations;
  if (meta.labels !== undefined && Object.keys(meta.labels as object).length === 0) delete meta.labels;
  const { apiVersion, kind, spec, ...others } = rest;
  return {
    apiVersion,
    kind,
    metadata: meta as KubeObject["metadata"],
    ...(spec === undefined ? {} : { spec }),
    ...others,
  };
}

export function toYaml(obj: KubeObject): string {
  return stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * Unified diff of two YAML texts (empty when equal), labelled live/proposed. Without the library's `====` underline:
 * every consumer (review, staged, history) shows this text, and the line says nothing to a reader.
 */
export function unifiedDiff(name: string, before: string | null, after: string | null): string {
  if (before === after) return "";
  return createTwoFilesPatch(`live/${name}`, `proposed/${name}`, before ?? "", after ?? "", undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/** True when two objects are the same once server-maintained fields are ignored. */
export function sameContent(a: KubeObject, b: KubeObject): boolean {
  return canonicalJson(editable(a)) === canonicalJson(editable(b));
}

/** `editable(obj)` with every object's keys sorted, so two forms of one object render alike. */
export function canonicalForm(obj: KubeObject): KubeObject {
  return JSON.parse(canonicalJson(editable(obj))) as KubeObject;
}

function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
        )
      : value,
  );
}
