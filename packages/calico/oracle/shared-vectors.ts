/** Typed readers for the upstream test tables in shared/calico (read at run time, never copied into the tree). */
import type { SharedFiles } from "@palisade/reference";
import type { JsonValue, OracleFragment, OracleLabelRestriction } from "./client";

export interface MatchVector {
  readonly selector: string;
  readonly labels: Record<string, string>;
  readonly match: boolean;
  readonly origin: string;
}

export interface ParseErrorVector {
  readonly selector: string;
  readonly origin: string;
}

export interface CanonicalVector {
  readonly selector: string;
  readonly canonical: string;
  readonly uniqueId?: string;
  readonly origin: string;
}

export interface LabelRestrictionVector {
  readonly selector: string;
  /** null: no restriction at all. */
  readonly labelRestrictions: Readonly<Record<string, OracleLabelRestriction>> | null;
  readonly origin: string;
}

export interface SelectorVectors {
  readonly match: readonly MatchVector[];
  readonly parseErrors: readonly ParseErrorVector[];
  readonly canonical: readonly CanonicalVector[];
  readonly labelRestrictions: readonly LabelRestrictionVector[];
}

export interface ValidationVector {
  readonly kind: string;
  readonly fragment: string;
  readonly description: string;
  readonly object: JsonValue;
  readonly valid: boolean;
  readonly origin: string;
}

const FRAGMENTS: ReadonlySet<string> = new Set<OracleFragment>([
  "Rule",
  "EntityRule",
  "ICMPFields",
  "HTTPMatch",
  "Protocol",
  "HostEndpointSpec",
  "GlobalNetworkSetSpec",
  "NetworkSetSpec",
]);

export function isOracleFragment(name: string): name is OracleFragment {
  return FRAGMENTS.has(name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function list(value: unknown, name: string): Record<string, unknown>[] {
  if (!Array.isArray(value) || !value.every(isRecord)) throw new Error(`shared vectors: ${name} is not a list`);
  return value;
}

function str(v: Record<string, unknown>, key: string): string {
  const x = v[key];
  if (typeof x !== "string") throw new Error(`shared vectors: ${key} is not a string in ${JSON.stringify(v)}`);
  return x;
}

function bool(v: Record<string, unknown>, key: string): boolean {
  const x = v[key];
  if (typeof x !== "boolean") throw new Error(`shared vectors: ${key} is not a boolean in ${JSON.stringify(v)}`);
  return x;
}

function labels(v: Record<string, unknown>): Record<string, string> {
  const x = v.labels;
  if (!isRecord(x)) throw new Error(`shared vectors: labels is not an object in ${JSON.stringify(v)}`);
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(x)) {
    if (typeof value !== "string") throw new Error(`shared vectors: label ${k} is not a string`);
    out[k] = value;
  }
  return out;
}

function restrictions(value: unknown): Record<string, OracleLabelRestriction> | null {
  if (value === null) return null;
  if (!isRecord(value)) throw new Error(`shared vectors: labelRestrictions is not an object: ${JSON.stringify(value)}`);
  const out: Record<string, OracleLabelRestriction> = {};
  for (const [label, r] of Object.entries(value)) {
    if (!isRecord(r)) throw new Error(`shared vectors: restriction for ${label} is not an object`);
    const values = r.mustHaveOneOfValues;
    if (values !== null && !(Array.isArray(values) && values.every((x) => typeof x === "string"))) {
      throw new Error(`shared vectors: mustHaveOneOfValues of ${label} is not a list of strings or null`);
    }
    out[label] = {
      mustBePresent: bool(r, "mustBePresent"),
      mustBeAbsent: bool(r, "mustBeAbsent"),
      mustHaveOneOfValues: values,
    };
  }
  return out;
}

export function selectorVectors(shared: SharedFiles): SelectorVectors {
  const raw = shared.readJson("calico/selector-vectors.json");
  if (!isRecord(raw)) throw new Error("shared vectors: selector-vectors.json is not an object");
  return {
    match: list(raw.match, "match").map((v) => ({
      selector: str(v, "selector"),
      labels: labels(v),
      match: bool(v, "match"),
      origin: str(v, "origin"),
    })),
    parseErrors: list(raw.parseErrors, "parseErrors").map((v) => ({
      selector: str(v, "selector"),
      origin: str(v, "origin"),
    })),
    canonical: list(raw.canonical, "canonical").map((v) => ({
      selector: str(v, "selector"),
      canonical: str(v, "canonical"),
      ...(typeof v.uniqueId === "string" && { uniqueId: v.uniqueId }),
      origin: str(v, "origin"),
    })),
    labelRestrictions: list(raw.labelRestrictions, "labelRestrictions").map((v) => ({
      selector: str(v, "selector"),
      labelRestrictions: restrictions(v.labelRestrictions),
      origin: str(v, "origin"),
    })),
  };
}

export function validationVectors(shared: SharedFiles): ValidationVector[] {
  const raw = shared.readJson("calico/validation-vectors.json");
  if (!isRecord(raw)) throw new Error("shared vectors: validation-vectors.json is not an object");
  return list(raw.vectors, "vectors").map((v) => ({
    kind: str(v, "kind"),
    fragment: str(v, "fragment"),
    description: str(v, "description"),
    object: v.object as JsonValue,
    valid: bool(v, "valid"),
    origin: str(v, "origin"),
  }));
}
