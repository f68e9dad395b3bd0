import type { FieldError } from "@palisade/contract";

/** A problem to show in the editor, located in the text (1-based line and column). */
export interface Diagnostic {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly severity: "error" | "warning";
}

/**
 * The BFF's validation details (422 `InvalidDocuments`, 400 `MalformedYaml`) as editor diagnostics; details without
 * a line are pinned to the first line, prefixed with their field path so they are still actionable.
 */
export function diagnosticsFromDetails(details: readonly FieldError[]): Diagnostic[] {
  return details.map((d) => ({
    line: d.line ?? 1,
    column: d.column ?? 1,
    message: d.path === "" || d.path === "yaml" ? d.message : `${d.path}: ${d.message}`,
    severity: "error",
  }));
}

/** Sorted and de-duplicated, so markers from the client and the server do not stack twice. */
export function mergeDiagnostics(...lists: readonly (readonly Diagnostic[])[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of lists.flat()) {
    const key = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
