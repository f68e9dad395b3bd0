import {
  type LoadedResource,
  loadYaml,
  locate,
  type PolicyNaming,
  validateResourceWith,
  validateSelector,
} from "@palisade/calico";
import type { FieldError } from "@palisade/contract";
import { HttpError } from "../errors";
import type { KubeObject } from "../kube/resources";
import { type LoadedDocument, typeOfDocument } from "./plan";

const checkSelector = (s: string) => {
  const e = validateSelector(s);
  return e === undefined ? undefined : `${e.message} (at character ${e.offset})`;
};

/**
 * Loads and validates the submitted YAML with the calico package (multi-document, lists, placeholders, bounded
 * against alias bombs and deep nesting; then the v3 validator rules). YAML that does not load is a 400
 * `MalformedYaml`, a kind Palisade does not manage a 400 `UnknownKind`, anything invalid a 422 `InvalidDocuments`;
 * every detail carries the document, field path, line and column. `naming` is the target cluster's: names its Calico
 * version refuses are errors. The validator's warnings travel with each document.
 */
export function loadDocuments(text: string, naming?: PolicyNaming): LoadedDocument[] {
  const { resources, errors } = loadYaml(text);
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
    const result = validateResourceWith(r.value, { checkSelector, naming });
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
