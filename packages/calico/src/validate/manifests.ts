/**
 * Validating manifest text as `calicoctl validate` does, for the CLI, the conformance runner, the editor and the
 * BFF: load every document (src/yaml), validate each resource, and report each error with its document, field path,
 * line and column. Loading problems (syntax, placeholders, limits) are errors of the document they occur in.
 */
import { type LoadIssue, loadYaml, locate } from "../yaml/load";
import { type FieldError, field } from "./issues";
import { type ValidateOptions, validateResource } from "./resource";

export interface ManifestError {
  readonly path: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export interface ManifestReport {
  /** Running number of the report within the text. */
  readonly index: number;
  /** 0-based YAML document index. */
  readonly document: number;
  /** Index inside a List or top-level sequence. */
  readonly item?: number;
  readonly kind: string | null;
  readonly name: string | null;
  readonly valid: boolean;
  readonly errors: readonly ManifestError[];
  /** Accepted by Calico but probably not what was meant (`ValidationResult.warnings`). */
  readonly warnings: readonly ManifestError[];
}

function fromIssue(issue: LoadIssue): ManifestError {
  return { path: issue.path ?? "", message: issue.message, line: issue.line, column: issue.column };
}

const sameItem = (issue: LoadIssue, document: number, item: number | undefined) =>
  issue.document === document && issue.item === item;

/** Validates every resource in `text`; a document that cannot be loaded yields one invalid report. */
export function validateManifests(text: string, options: Partial<ValidateOptions> = {}): ManifestReport[] {
  const loaded = loadYaml(text);
  const reports: Omit<ManifestReport, "index">[] = [];
  for (const resource of loaded.resources) {
    const loadErrors = loaded.errors.filter((e) => sameItem(e, resource.document, resource.item)).map(fromIssue);
    const validation = validateResource(resource.value, options);
    const at = (e: FieldError): ManifestError => ({ path: e.path, message: e.message, ...locate(resource, e.path) });
    const errors = validation.errors.map(at);
    const warnings = validation.warnings.map(at);
    const kind = field(resource.value, "kind");
    const name = field(field(resource.value, "metadata"), "name");
    reports.push({
      document: resource.document,
      ...(resource.item === undefined ? {} : { item: resource.item }),
      kind: typeof kind === "string" ? kind : null,
      name: typeof name === "string" ? name : null,
      valid: loadErrors.length === 0 && validation.valid,
      errors: [...loadErrors, ...errors],
      warnings,
    });
  }
  const loadedDocuments = new Set(loaded.resources.map((r) => r.document));
  const broken = new Map<number, ManifestError[]>();
  for (const issue of loaded.errors) {
    if (loadedDocuments.has(issue.document)) continue;
    broken.set(issue.document, [...(broken.get(issue.document) ?? []), fromIssue(issue)]);
  }
  for (const [document, errors] of broken)
    reports.push({ document, kind: null, name: null, valid: false, errors, warnings: [] });
  return reports
    .sort((a, b) => a.document - b.document || (a.item ?? 0) - (b.item ?? 0))
    .map((r, index) => ({ index, ...r }));
}
