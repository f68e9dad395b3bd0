import type { KubeObject } from "../api/object";
import { badRequest } from "../api/status";

export interface FieldRequirement {
  readonly field: string;
  readonly op: "=" | "!=";
  readonly value: string;
}

/** Fields every resource supports, plus the extra ones the API server indexes for pods. */
const POD_FIELDS = [
  "spec.nodeName",
  "spec.restartPolicy",
  "spec.schedulerName",
  "spec.serviceAccountName",
  "spec.hostNetwork",
  "status.phase",
  "status.podIP",
  "status.nominatedNodeName",
];

export function supportedFields(kind: string): string[] {
  return ["metadata.name", "metadata.namespace", ...(kind === "Pod" ? POD_FIELDS : [])];
}

/** Parses `fieldSelector` (`a=b,c!=d`) for a kind; unsupported fields are a 400 as on the API server. */
export function parseFieldSelector(src: string, kind: string): FieldRequirement[] {
  if (src.trim() === "") return [];
  const allowed = supportedFields(kind);
  return src.split(",").map((part) => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) throw badRequest(`invalid selector: '${src}'; can't understand '${part}'`);
    const field = m[1] ?? "";
    if (!allowed.includes(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    return { field, op: m[2] === "!=" ? "!=" : "=", value: m[3] ?? "" };
  });
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split(".")) cur = (cur as Record<string, unknown> | undefined)?.[part];
  if (cur === undefined || cur === null) return "";
  return String(cur);
}

export function matchesFields(reqs: readonly FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === "="));
}
