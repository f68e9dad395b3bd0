import type { ResourceRef } from "@palisade/contract";
import { isMap, parseAllDocuments } from "yaml";

function refMatches(doc: unknown, ref: ResourceRef): boolean {
  if (typeof doc !== "object" || doc === null) return false;
  const o = doc as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const kind = o.kind === "NetworkPolicy" && ref.kind === "KubernetesNetworkPolicy" ? ref.kind : o.kind;
  return kind === ref.kind && o.metadata?.name === ref.name && (o.metadata?.namespace ?? undefined) === ref.namespace;
}

/**
 * Rebases the user's text onto another version of one object: the matching document's
 * `metadata.resourceVersion` is set to `resourceVersion` (or added, if the document carried one before), leaving
 * every other byte of the user's edits alone. Documents without a resourceVersion are untouched: for them the
 * expected version travels in the apply request instead.
 */
export function withResourceVersion(text: string, ref: ResourceRef, resourceVersion: string): string {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return text;
  let changed = false;
  for (const doc of docs) {
    if (!refMatches(doc.toJS(), ref)) continue;
    const metadata = doc.get("metadata");
    if (isMap(metadata) && metadata.has("resourceVersion")) {
      metadata.set("resourceVersion", resourceVersion);
      changed = true;
    }
  }
  return changed ? docs.map((d) => d.toString()).join("") : text;
}
