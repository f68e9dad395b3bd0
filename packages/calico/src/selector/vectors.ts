/**
 * Checks a selector vector file (the format of shared/calico/selector-vectors.json: match, parseErrors, canonical,
 * tokens, labelRestrictions) against this package's selector engine. Used by the table tests and by
 * `pnpm conformance selectors`; pure, so the caller does the file reading.
 */
import { LabelTable } from "./interned";
import type { LabelRestriction } from "./label-restrictions";
import { parseSelector, recordLabels, validateSelector } from "./selector";
import { tokenize } from "./tokenizer";

export interface VectorOutcome {
  readonly list: string;
  readonly index: number;
  readonly selector: string;
  /** Undefined when the vector passed; otherwise what differed. */
  readonly failure?: string | undefined;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Runs every vector in a parsed vector file and reports one outcome per vector. */
export function checkSelectorVectors(file: unknown): VectorOutcome[] {
  if (!isObject(file)) return [{ list: "file", index: 0, selector: "", failure: "vector file is not a JSON object" }];
  const out: VectorOutcome[] = [];
  for (const [list, check] of Object.entries(CHECKS)) {
    const items = file[list];
    if (items === undefined) continue;
    if (!Array.isArray(items)) {
      out.push({ list, index: 0, selector: "", failure: `"${list}" is not a list` });
      continue;
    }
    items.forEach((item, index) => {
      const selector = isObject(item) && typeof item.selector === "string" ? item.selector : undefined;
      if (selector === undefined || !isObject(item)) {
        out.push({ list, index, selector: "", failure: "vector has no string 'selector'" });
        return;
      }
      out.push({ list, index, selector, failure: check(selector, item) });
    });
  }
  return out;
}

type Check = (selector: string, v: { [key: string]: Json }) => string | undefined;

const CHECKS: Readonly<Record<string, Check>> = {
  match(selector, v) {
    const parsed = parseSelector(selector);
    if (!parsed.ok) return `parse error: ${parsed.error.message} at ${parsed.error.offset}`;
    if (!isStringRecord(v.labels)) return "vector's labels are not a string map";
    const labels = recordLabels(v.labels);
    const got = parsed.value.evaluate(labels);
    if (got !== v.match) return `expected match=${String(v.match)}, got ${got}`;
    // The same selector compiled for interned labels (how the match index evaluates) must agree.
    const table = new LabelTable();
    const interned = parsed.value.matcherFor(table)(table.labels(new Map(Object.entries(v.labels))));
    if (interned !== got) return `on interned labels: expected match=${String(v.match)}, got ${interned}`;
    // Upstream re-checks against a re-parse of the canonical form.
    const again = parseSelector(parsed.value.toString());
    if (!again.ok) return `canonical form ${parsed.value.toString()} does not parse: ${again.error.message}`;
    if (again.value.evaluate(labels) !== got) return `canonical form ${parsed.value.toString()} evaluates differently`;
    return undefined;
  },
  parseErrors(selector) {
    if (parseSelector(selector).ok) return "expected a parse error, but it parsed";
    if (validateSelector(selector) === undefined) return "expected validation to fail";
    return undefined;
  },
  canonical(selector, v) {
    const parsed = parseSelector(selector);
    if (!parsed.ok) return `parse error: ${parsed.error.message} at ${parsed.error.offset}`;
    const canonical = parsed.value.toString();
    if (canonical !== v.canonical)
      return `expected canonical ${JSON.stringify(v.canonical)}, got ${JSON.stringify(canonical)}`;
    const again = parseSelector(canonical);
    if (!again.ok || again.value.toString() !== canonical) return `re-parsing ${canonical} changes it`;
    if (typeof v.uniqueId === "string" && parsed.value.uniqueId() !== v.uniqueId) {
      return `expected uniqueId ${v.uniqueId}, got ${parsed.value.uniqueId()}`;
    }
    return undefined;
  },
  tokens(selector, v) {
    const tokens = tokenize(selector);
    if (!tokens.ok) return `tokenizer error: ${tokens.error.message} at ${tokens.error.offset}`;
    const got = tokens.value.map((t) => (t.value === "" ? { kind: t.kind } : { kind: t.kind, value: t.value }));
    const want = Array.isArray(v.tokens)
      ? v.tokens.map((t) => (isObject(t) && (t.value === undefined || t.value === "") ? { kind: t.kind } : t))
      : undefined;
    return JSON.stringify(got) === JSON.stringify(want)
      ? undefined
      : `expected tokens ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
  },
  labelRestrictions(selector, v) {
    const parsed = parseSelector(selector);
    if (!parsed.ok) return `parse error: ${parsed.error.message} at ${parsed.error.offset}`;
    const got = restrictionsJson(parsed.value.labelRestrictions());
    const want = v.labelRestrictions ?? null;
    return sameJson(got, want)
      ? undefined
      : `expected restrictions ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
  },
};

function restrictionsJson(rs: ReadonlyMap<string, LabelRestriction>): Json {
  if (rs.size === 0) return null;
  const out: { [key: string]: Json } = {};
  for (const [label, r] of rs) {
    out[label] = {
      mustBeAbsent: r.mustBeAbsent,
      mustBePresent: r.mustBePresent,
      mustHaveOneOfValues: r.mustHaveOneOfValues === undefined ? null : [...r.mustHaveOneOfValues],
    };
  }
  return out;
}

/** Structural equality with object keys in any order; arrays keep their order (upstream compares them in order). */
function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return a === b;
}

function isObject(x: unknown): x is { [key: string]: Json } {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function isStringRecord(x: unknown): x is Record<string, string> {
  return isObject(x) && Object.values(x).every((v) => typeof v === "string");
}
