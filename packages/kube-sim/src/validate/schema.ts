import { isRecord } from "../api/object";
import type { StatusCause } from "../api/status";

/** The subset of a CRD's structural OpenAPI v3 schema that kube-sim enforces. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  nullable?: boolean;
  default?: unknown;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeMatches(type: string, v: unknown, s: Schema): boolean {
  if (s["x-kubernetes-int-or-string"]) return typeof v === "string" || (typeof v === "number" && Number.isInteger(v));
  const t = typeName(v);
  if (type === "number") return t === "number" || t === "integer";
  return t === type;
}

/**
 * Validates, defaults and prunes a custom resource against its CRD schema, as the apiextensions server does:
 * unknown fields are dropped unless `x-kubernetes-preserve-unknown-fields`, `default`s fill absent fields, and each
 * violation becomes a cause with its field path. Returns the pruned, defaulted value.
 */
/** What applying a schema found: violations, and the paths of fields it pruned (for field validation). */
export interface SchemaReport {
  readonly causes: StatusCause[];
  readonly unknown: string[];
}

export function applySchema(schema: Schema, value: unknown, path: string, report: SchemaReport): unknown {
  const { causes } = report;
  if (value === null && schema.nullable === true) return value;
  const type = schema.type;
  if (type !== undefined && !typeMatches(type, value, schema)) {
    causes.push({
      reason: "FieldValueTypeInvalid",
      message: `Invalid value: ${JSON.stringify(typeName(value))}: ${path} in body must be of type ${type}: ${JSON.stringify(typeName(value))}`,
      field: path,
    });
    return value;
  }
  if (schema.enum !== undefined && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    causes.push({
      reason: "FieldValueNotSupported",
      message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`,
      field: path,
    });
  }
  if (typeof value === "string") checkString(schema, value, path, causes);
  if (typeof value === "number") checkNumber(schema, value, path, causes);
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      causes.push({
        reason: "FieldValueTooMany",
        message: `Too many: ${value.length}: must have at most ${schema.maxItems} items`,
        field: path,
      });
    }
    const items = schema.items;
    return items === undefined ? value : value.map((v, i) => applySchema(items, v, `${path}[${i}]`, report));
  }
  if (isRecord(value)) return applyObject(schema, value, path, report);
  return value;
}

function checkString(schema: Schema, value: string, path: string, causes: StatusCause[]): void {
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    causes.push({
      reason: "FieldValueTooLong",
      message: `Too long: may not be more than ${schema.maxLength} bytes`,
      field: path,
    });
  }
  if (schema.minLength !== undefined && value.length < schema.minLength) {
    causes.push({
      reason: "FieldValueInvalid",
      message: `Invalid value: ${JSON.stringify(value)}: ${path} in body should be at least ${schema.minLength} chars long`,
      field: path,
    });
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
    causes.push({
      reason: "FieldValueInvalid",
      message: `Invalid value: ${JSON.stringify(value)}: ${path} in body should match '${schema.pattern}'`,
      field: path,
    });
  }
}

function checkNumber(schema: Schema, value: number, path: string, causes: StatusCause[]): void {
  if (schema.minimum !== undefined && value < schema.minimum) {
    causes.push({
      reason: "FieldValueInvalid",
      message: `Invalid value: ${value}: ${path} in body should be greater than or equal to ${schema.minimum}`,
      field: path,
    });
  }
  if (schema.maximum !== undefined && value > schema.maximum) {
    causes.push({
      reason: "FieldValueInvalid",
      message: `Invalid value: ${value}: ${path} in body should be less than or equal to ${schema.maximum}`,
      field: path,
    });
  }
}

function applyObject(schema: Schema, value: Record<string, unknown>, path: string, report: SchemaReport): unknown {
  const { causes } = report;
  const out: Record<string, unknown> = {};
  const props = schema.properties ?? {};
  const additional = schema.additionalProperties;
  const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true;
  for (const [k, v] of Object.entries(value)) {
    const sub = props[k] ?? (isRecord(additional) ? additional : undefined);
    const child = path === "" ? k : `${path}.${k}`;
    if (sub !== undefined) out[k] = applySchema(sub, v, child, report);
    else if (preserve || additional === true || schema.properties === undefined) out[k] = v;
    else report.unknown.push(child);
  }
  for (const [k, sub] of Object.entries(props)) {
    if (!(k in out) && sub.default !== undefined) out[k] = structuredClone(sub.default);
  }
  for (const k of schema.required ?? []) {
    if (!(k in out))
      causes.push({ reason: "FieldValueRequired", message: "Required value", field: path === "" ? k : `${path}.${k}` });
  }
  return out;
}
