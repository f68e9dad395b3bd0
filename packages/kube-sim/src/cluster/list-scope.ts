import type { ResourceType } from "../registry/resource-type";
import type { FieldRequirement } from "../store/field-selector";
import { nameMessage } from "../validate/object-meta";

/** Where a list reads: one namespace's keys (all when undefined), or one key when `name` is set. */
export interface ListScope {
  readonly namespace: string | undefined;
  readonly name?: string;
}

const exactly = (fields: readonly FieldRequirement[], field: string) =>
  fields.find((r) => r.field === field && r.op === "=")?.value;

/** A name that can be a path segment of a key (`ValidatePathSegmentName`). */
const isKeySegment = (name: string) => name !== "." && name !== ".." && !/[/%]/.test(name);

/**
 * The keys a list reads, narrowed by its field selector as the API server's `ListPredicate` narrows them: an exact
 * `metadata.namespace` (a valid namespace name) confines a list across namespaces to that namespace's keys, and then
 * an exact `metadata.name` (with a namespace, or on a cluster-scoped kind) to one key, so such a page ends where
 * that namespace (or key) does rather than carrying a continue token on to objects the selector rules out. The API
 * server narrows only first pages: its continued pages resolve the token's key against the wrong prefix (observed on
 * kube-apiserver 1.35: the rest of the namespace is lost), while kube-sim's tokens hold the namespace, so continued
 * pages keep the namespace's range. A name never narrows a continued page (nor does it on the API server).
 */
export function listScope(
  type: ResourceType,
  namespace: string | undefined,
  fields: readonly FieldRequirement[],
  continuing: boolean,
): ListScope {
  const selected = exactly(fields, "metadata.namespace");
  const scope =
    namespace === undefined && type.namespaced && selected !== undefined && nameMessage("label", selected) === undefined
      ? selected
      : namespace;
  const name = exactly(fields, "metadata.name");
  if (continuing || name === undefined || !isKeySegment(name) || (type.namespaced && scope === undefined)) {
    return { namespace: scope };
  }
  return { namespace: scope, name };
}
