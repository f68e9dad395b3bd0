import { isRecord, type KubeObject } from "../api/object";
import type { StatusCause } from "../api/status";
import { CALICO_GROUP, CALICO_KINDS } from "../registry/calico-crds";

const POLICY_KINDS = new Set([
  "GlobalNetworkPolicy",
  "NetworkPolicy",
  "StagedGlobalNetworkPolicy",
  "StagedNetworkPolicy",
]);
const ACTIONS = ["Allow", "Deny", "Log", "Pass"];
const TYPES = ["Ingress", "Egress"];

export function isCalicoObject(obj: KubeObject): boolean {
  const storage = Object.values(CALICO_GROUP).some((g) => obj.apiVersion === `${g.group}/${g.version}`);
  return storage && CALICO_KINDS.some((k) => k.kind === obj.kind);
}

/**
 * Structural checks of a Calico object's spec, with field paths as the API server reports them. Semantic
 * validation (selectors, ports, CIDRs, the validator rules of docs/calico-semantics.md section 5) belongs to
 * `@palisade/calico`'s `validateResource`, which replaces these checks once it lands on main.
 */
export function validateCalicoStructure(obj: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = obj.spec;
  if (spec === undefined) return causes;
  if (!isRecord(spec)) {
    causes.push(typeCause("spec", spec, "object"));
    return causes;
  }
  if (spec.order !== undefined && spec.order !== null && typeof spec.order !== "number") {
    causes.push(typeCause("spec.order", spec.order, "number"));
  }
  if (!POLICY_KINDS.has(obj.kind)) return causes;
  for (const field of ["selector", "namespaceSelector", "serviceAccountSelector", "tier"]) {
    const v = spec[field];
    if (v !== undefined && typeof v !== "string") causes.push(typeCause(`spec.${field}`, v, "string"));
  }
  if (Array.isArray(spec.types)) {
    spec.types.forEach((t, i) => {
      if (!TYPES.includes(String(t))) causes.push(notSupported(`spec.types[${i}]`, t, TYPES));
    });
  }
  for (const dir of ["ingress", "egress"] as const) {
    const rules = spec[dir];
    if (rules === undefined) continue;
    if (!Array.isArray(rules)) {
      causes.push(typeCause(`spec.${dir}`, rules, "array"));
      continue;
    }
    rules.forEach((rule, i) => {
      const path = `spec.${dir}[${i}]`;
      if (!isRecord(rule)) causes.push(typeCause(path, rule, "object"));
      else if (rule.action === undefined)
        causes.push({ reason: "FieldValueRequired", message: "Required value", field: `${path}.action` });
      else if (!ACTIONS.includes(String(rule.action)))
        causes.push(notSupported(`${path}.action`, rule.action, ACTIONS));
    });
  }
  return causes;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeCause(field: string, value: unknown, type: string): StatusCause {
  const shown = typeof value === "string" ? JSON.stringify(value) : isRecord(value) ? '"object"' : String(value);
  return {
    reason: "FieldValueTypeInvalid",
    message: `Invalid value: ${shown}: ${field} in body must be of type ${type}: ${JSON.stringify(jsonType(value))}`,
    field,
  };
}

function notSupported(field: string, value: unknown, allowed: readonly string[]): StatusCause {
  return {
    reason: "FieldValueNotSupported",
    message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
    field,
  };
}
