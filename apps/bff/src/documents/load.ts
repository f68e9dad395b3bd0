import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import {
  isStagedKindName,
  type LoadedResource,
  type LoadIssue,
  type LoadResult,
  loadYaml,
  locate,
  type PolicyObject,
  type SourcePosition,
  stagedForm,
  type ValidationTarget,
  validateResource,
} from "@palisade/calico";
import { type FieldError, MAX_BODY_BYTES, MAX_DOCUMENTS } from "@palisade/contract";
import { HttpError } from "../errors";
import type { KubeObject } from "../kube/resources";
import { type LoadedDocument, typeOfDocument } from "./plan";

/**
 * Loads and validates the submitted YAML with the calico package (multi-document, lists, placeholders, bounded
 * against alias bombs and deep nesting; then the v3 validator rules). YAML that does not load is a 400
 * `MalformedYaml`, a kind Palisade does not manage a 400 `UnknownKind`, anything invalid a 422 `InvalidDocuments`;
 * every detail carries the document, field path, line and column. More than {@link MAX_DOCUMENTS} documents is a 413.
 * The work is done a slice of documents at a time, giving the event loop a turn between slices, so one large request
 * does not stall every other one. `target` is the target cluster's naming and Calico releases: names its Calico
 * version refuses are errors, and built-in tiers follow its release's rules. The validator's warnings travel with each
 * document.
 */
export async function loadDocuments(text: string, target: ValidationTarget = {}): Promise<LoadedDocument[]> {
  const { resources, errors } = await loadInSlices(text);
  if (resources.length > MAX_DOCUMENTS) throw tooManyDocuments(resources.length);
  const broken = errors.filter((e) => e.kind !== "placeholder");
  if (broken.length > 0) {
    throw new HttpError(
      "MalformedYaml",
      `the YAML does not load: ${broken[0]?.message ?? ""} (line ${broken[0]?.line}, column ${broken[0]?.column})`,
      broken.map((e) => ({
        path: e.path ?? "",
        message: e.message,
        document: e.document,
        line: e.line,
        column: e.column,
      })),
    );
  }
  if (resources.length === 0) {
    throw new HttpError("BadRequest", "the YAML holds no documents", [{ path: "yaml", message: "no documents" }]);
  }
  const unknown: FieldError[] = [];
  for (const r of resources) {
    const obj = r.value as KubeObject | null;
    if (obj === null || typeof obj !== "object" || Array.isArray(obj) || typeOfDocument(obj) === undefined) {
      const what =
        obj !== null && typeof obj === "object" ? `${String(obj.apiVersion)} ${String(obj.kind)}` : "a non-object";
      unknown.push({
        path: "kind",
        document: r.index,
        ...r.position,
        message: `${what} is not a kind Palisade manages; use projectcalico.org/v3 (GlobalNetworkPolicy, NetworkPolicy, Staged*, Tier, HostEndpoint, GlobalNetworkSet, NetworkSet) or networking.k8s.io/v1 NetworkPolicy`,
      });
    }
  }
  if (unknown.length > 0) {
    throw new HttpError("UnknownKind", unknown.map((u) => `document ${u.document}: ${u.message}`).join("; "), unknown);
  }
  const invalid: FieldError[] = errors.map((e) => ({
    path: e.path ?? "",
    message: e.message,
    document: resourceIndexOf(resources, e.document, e.item),
    line: e.line,
    column: e.column,
  }));
  const warnings = new Map<number, { path: string; message: string }[]>();
  for (const r of resources) {
    if (r.index > 0 && r.index % SLICE_DOCUMENTS === 0) await yieldToEventLoop();
    const result = validateResource(r.value, target);
    for (const e of result.errors) {
      invalid.push({ path: e.path, message: e.message, document: r.index, ...locate(r, e.path) });
    }
    warnings.set(
      r.index,
      result.warnings.map((w) => ({ path: w.path, message: w.message })),
    );
  }
  if (invalid.length > 0) {
    const first = invalid[0];
    throw new HttpError(
      "InvalidDocuments",
      `${invalid.length} problem${invalid.length === 1 ? "" : "s"}; first, document ${first?.document}${first?.path ? ` ${first.path}` : ""}: ${first?.message}`,
      invalid,
    );
  }
  return resources.map((r) => ({
    index: r.index,
    line: r.position.line,
    object: r.value as KubeObject,
    warnings: warnings.get(r.index) ?? [],
  }));
}

function resourceIndexOf(resources: readonly LoadedResource[], document: number, item: number | undefined): number {
  return resources.find((r) => r.document === document && (item === undefined || r.item === item))?.index ?? document;
}

/** Documents loaded or validated between two turns of the event loop (a few milliseconds of work). */
const SLICE_DOCUMENTS = 25;

/** A line `---` that starts a YAML document. */
const DOCUMENT_MARKER = /^---(?=[ \t]|\r?\n|$)/gm;

function tooManyDocuments(count: number | string): HttpError {
  return new HttpError(
    "PayloadTooLarge",
    `${count} documents in one request; at most ${MAX_DOCUMENTS} are accepted: split them`,
    [{ path: "yaml", message: `at most ${MAX_DOCUMENTS} documents per request` }],
  );
}

/**
 * `loadYaml` over slices of the text cut at document markers, with a turn of the event loop between slices; the
 * result is the one loading the whole text gives (documents, lines and resource indexes renumbered). Text with YAML
 * directives (`%YAML`) is loaded whole: a directive belongs to the document after it.
 */
async function loadInSlices(text: string): Promise<LoadResult> {
  const markers = [...text.matchAll(DOCUMENT_MARKER)].map((m) => m.index);
  // Each marker starts at most one document; the first may follow text without one.
  if (markers.length > MAX_DOCUMENTS + 1) throw tooManyDocuments(`about ${markers.length}`);
  if (text.length > MAX_BODY_BYTES || /^%/m.test(text)) return loadYaml(text);
  const cuts = [0, ...markers.filter((_, i) => i > 0 && i % SLICE_DOCUMENTS === 0), text.length];
  const resources: LoadedResource[] = [];
  const errors: LoadIssue[] = [];
  let documentOffset = 0;
  let lineOffset = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    if (i > 0) await yieldToEventLoop();
    const slice = text.slice(cuts[i], cuts[i + 1]);
    const part = loadYaml(slice);
    const shift = (p: SourcePosition): SourcePosition => ({ line: p.line + lineOffset, column: p.column });
    for (const e of part.errors)
      errors.push({ ...e, document: e.document + documentOffset, line: e.line + lineOffset });
    for (const r of part.resources) {
      resources.push({
        ...r,
        index: resources.length,
        document: r.document + documentOffset,
        position: shift(r.position),
        locations: Object.fromEntries(Object.entries(r.locations).map(([k, v]) => [k, shift(v)])),
      });
    }
    documentOffset += SLICE_DOCUMENTS + 1;
    lineOffset += slice.split("\n").length - 1;
  }
  return { resources, errors };
}

/**
 * The documents as their staged kinds (`stagedForm`), for "save as staged": each policy becomes the staged policy of
 * its name; staged policies stay as they are; any other kind is a 400 naming each such document.
 */
export function asStaged(documents: readonly LoadedDocument[]): LoadedDocument[] {
  const refused: FieldError[] = [];
  const out = documents.map((d) => {
    const kind = typeOfDocument(d.object)?.resource ?? "";
    if (isStagedKindName(kind)) return d;
    if (kind === "GlobalNetworkPolicy" || kind === "NetworkPolicy" || kind === "KubernetesNetworkPolicy") {
      return { ...d, object: stagedForm(d.object as PolicyObject, kind) as KubeObject };
    }
    refused.push({
      path: "kind",
      document: d.index,
      line: d.line,
      message: `${d.object.kind ?? "this kind"} has no staged form; only policies can be saved as staged`,
    });
    return d;
  });
  if (refused.length > 0) {
    throw new HttpError("BadRequest", refused.map((r) => `document ${r.document}: ${r.message}`).join("; "), refused);
  }
  return out;
}
