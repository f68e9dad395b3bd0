import { validateResourceWith, validateSelector } from "@palisade/calico";
import { isRecord, type KubeObject } from "../api/object";
import type { StatusCause } from "../api/status";
import { toV3View } from "../registry/calico-storage";

const checkSelector = (selector: string) => validateSelector(selector)?.message;

/** The value at a cause path such as `spec.ingress[0].destination.ports[1]`, for the message. */
function valueAt(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    const key = part.replace(/^"|"$/g, "");
    cur = Array.isArray(cur) ? cur[Number(key)] : isRecord(cur) ? cur[key] : undefined;
  }
  return cur;
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "object") return JSON.stringify(Array.isArray(value) ? "array" : "object");
  return JSON.stringify(value);
}

/**
 * Calico's own rules (libcalico-go's v3 validator and the CRDs' CEL rules, docs/calico-semantics.md section 5) as
 * `@palisade/calico` implements them, on the object's v3 view; each problem becomes a 422 cause with its field path,
 * worded as the API server words CEL failures (`Invalid value: "object": ...`).
 */
export function validateCalico(obj: KubeObject): StatusCause[] {
  const view = toV3View(obj);
  if ("causes" in view) return view.causes;
  const v3 = view.object;
  return validateResourceWith(v3, { checkSelector }).errors.map((e) => ({
    reason: "FieldValueInvalid",
    message: `Invalid value: ${shown(valueAt(v3, e.path))}: ${e.message}`,
    ...(e.path === "" ? {} : { field: e.path }),
  }));
}
