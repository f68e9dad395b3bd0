import type { DiffResult, ExpectedVersion } from "@palisade/contract";

/** One line of a unified diff as the review shows it: added, removed, unchanged context, or a hunk header. */
export interface PatchLine {
  readonly kind: "add" | "remove" | "context" | "hunk";
  readonly text: string;
}

/**
 * A document's unified diff without its file headers (`--- live/…`, `+++ proposed/…`), which name what the
 * review already names: what is left is the hunks, line by line.
 */
export function patchLines(patch: string): PatchLine[] {
  const lines = patch.replace(/\n$/, "").split("\n");
  const firstHunk = lines.findIndex((l) => l.startsWith("@@"));
  if (firstHunk < 0) return [];
  return lines.slice(firstHunk).map((text) => ({
    kind: text.startsWith("@@") ? "hunk" : text.startsWith("+") ? "add" : text.startsWith("-") ? "remove" : "context",
    text,
  }));
}

/**
 * The versions the reviewed diff showed, one per document (null: it did not exist): the confirmed apply replaces
 * exactly those, so a change made in the cluster since the review comes back as a conflict instead of being lost.
 */
export function reviewedVersions(diff: DiffResult): ExpectedVersion[] {
  return diff.documents.map((d) => ({ ref: d.ref, resourceVersion: d.liveResourceVersion }));
}
