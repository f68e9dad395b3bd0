/**
 * Structural check of a value against the model's JSON Schema, as the API server checks a CRD's openAPIV3Schema:
 * types, enums, required fields, bounds, list sizes, set uniqueness, and unknown fields (calicoctl decodes strictly).
 * Only the keywords the model emits are interpreted. CEL rules are implemented by the semantic validators.
 */
import { childPath, type Issues, indexPath, isRecord } from "./issues";

type Schema = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case "object":
      return isRecord(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "null":
      return value === null;
    default:
      return true;
  }
}

const article = (type: string) => (type === "integer" || type === "array" || type === "object" ? "an" : "a");

function checkType(schema: Schema, value: unknown, path: string, issues: Issues): boolean {
  if (Array.isArray(schema.anyOf)) {
    const options = schema.anyOf as Schema[];
    if (options.some((o) => typeof o.type !== "string" || typeMatches(o.type, value))) return true;
    const names = options.map((o) => String(o.type)).join(" or ");
    issues.add(path, `must be ${names}, not ${describe(value)}`);
    return false;
  }
  if (typeof schema.type === "string" && !typeMatches(schema.type, value)) {
    const expected = schema.type === "array" ? "a list" : `${article(schema.type)} ${schema.type}`;
    issues.add(path, `must be ${expected}, not ${describe(value)}`);
    return false;
  }
  return true;
}

function allowedValues(schema: Schema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if (Array.isArray(schema.allOf)) {
    const enums = (schema.allOf as Schema[]).map((s) => s.enum).filter(Array.isArray);
    if (enums.length > 0) return enums.reduce((acc, e) => acc.filter((v) => e.includes(v)));
  }
  if ("const" in schema) return [schema.const];
  return undefined;
}

function checkScalar(schema: Schema, value: unknown, path: string, issues: Issues): void {
  const allowed = allowedValues(schema);
  if (allowed !== undefined && !allowed.includes(value)) {
    issues.add(
      path,
      `${describe(value)} is not allowed; use one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`,
    );
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) {
      issues.add(path, `${value} is below the minimum ${schema.minimum}`);
    }
    if (typeof schema.maximum === "number" && value > schema.maximum) {
      issues.add(path, `${value} is above the maximum ${schema.maximum}`);
    }
  }
  if (typeof value === "string") {
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) {
      issues.add(path, `is ${value.length} characters long; at most ${schema.maxLength} are allowed`);
    }
    if (typeof schema.minLength === "number" && value.length < schema.minLength) {
      issues.add(path, `must have at least ${schema.minLength} characters`);
    }
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
      issues.add(path, `${JSON.stringify(value)} does not match the pattern ${schema.pattern}`);
    }
  }
}

function checkArray(schema: Schema, value: unknown[], path: string, issues: Issues): void {
  if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
    issues.add(path, `has ${value.length} entries; at most ${schema.maxItems} are allowed`);
  }
  if (typeof schema.minItems === "number" && value.length < schema.minItems) {
    issues.add(
      path,
      `needs at least ${schema.minItems} entr${schema.minItems === 1 ? "y" : "ies"}; remove it or add one`,
    );
  }
  if (schema["x-kubernetes-list-type"] === "set") {
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const key = JSON.stringify(item);
      if (seen.has(key)) issues.add(indexPath(path, i), `duplicate value ${key}; each entry may appear only once`);
      seen.add(key);
    });
  }
  if (isRecord(schema.items)) {
    const items = schema.items;
    value.forEach((item, i) => {
      checkSchema(items, item, indexPath(path, i), issues);
    });
  }
}

function checkObject(schema: Schema, value: Record<string, unknown>, path: string, issues: Issues): void {
  const properties = isRecord(schema.properties) ? schema.properties : undefined;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  for (const key of required) {
    if (value[key] === undefined || value[key] === null) issues.add(childPath(path, key), "is required");
  }
  for (const [key, child] of Object.entries(value)) {
    const childSchema = properties?.[key];
    if (isRecord(childSchema)) {
      checkSchema(childSchema, child, childPath(path, key), issues);
    } else if (isRecord(schema.additionalProperties)) {
      checkSchema(schema.additionalProperties, child, childPath(path, key), issues);
    } else if (properties !== undefined) {
      const known = Object.keys(properties).join(", ");
      issues.add(childPath(path, key), `unknown field "${key}"; known fields here: ${known}`);
    }
  }
}

/** Checks `value` against `schema`, adding one error per problem found. */
export function checkSchema(schema: Schema, value: unknown, path: string, issues: Issues): void {
  // The API server prunes nulls of non-nullable fields and Go decodes them as zero values: null means absent.
  if (value === null || value === undefined) return;
  if (!checkType(schema, value, path, issues)) return;
  if (Array.isArray(value)) checkArray(schema, value, path, issues);
  else if (isRecord(value)) checkObject(schema, value, path, issues);
  else checkScalar(schema, value, path, issues);
}
