/**
 * Kubernetes label selectors in their string form (k8s.io/apimachinery/pkg/labels): comma-joined requirements of
 * `k`, `!k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k>n`, `k<n`.
 */
export type LabelRequirement =
  | { readonly op: "exists" | "!"; readonly key: string }
  | { readonly op: "=" | "!=" | "in" | "notin"; readonly key: string; readonly values: readonly string[] }
  | { readonly op: ">" | "<"; readonly key: string; readonly value: number };

export type LabelSelector = readonly LabelRequirement[];

export class SelectorParseError extends Error {}

const KEY_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string): string {
  const slash = key.indexOf("/");
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  const bad = !KEY_NAME.test(name) || (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)));
  if (bad) {
    throw new SelectorParseError(
      `unable to parse requirement: key: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return key;
}

function checkValue(value: string): string {
  if (value.length > 63 || !VALUE.test(value)) {
    throw new SelectorParseError(
      `unable to parse requirement: values[0]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return value;
}

/** Splits at top-level commas (commas inside `( )` belong to a set). */
function splitRequirements(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}

const SET = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/;
const CMP = /^([^\s=!<>]+)\s*(==|=|!=|>|<)\s*(\S*)$/;

function parseRequirement(raw: string): LabelRequirement {
  const text = raw.trim();
  if (text === "") throw new SelectorParseError("found '', expected: !, identifier, or 'end of string'");
  if (text.startsWith("!")) return { op: "!", key: checkKey(text.slice(1).trim()) };
  const set = SET.exec(text);
  if (set) {
    const values = (set[3] ?? "").split(",").map((v) => checkValue(v.trim()));
    return { op: set[2] as "in" | "notin", key: checkKey(set[1] ?? ""), values };
  }
  const cmp = CMP.exec(text);
  if (cmp) {
    const key = checkKey(cmp[1] ?? "");
    const op = cmp[2] ?? "";
    const value = cmp[3] ?? "";
    if (op === ">" || op === "<") {
      const n = Number(value);
      if (!/^-?\d+$/.test(value)) {
        throw new SelectorParseError(
          `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
      return { op, key, value: n };
    }
    return { op: op === "!=" ? "!=" : "=", key, values: [checkValue(value)] };
  }
  if (/^\S+$/.test(text)) return { op: "exists", key: checkKey(text) };
  throw new SelectorParseError(`unable to parse requirement: found '${text}', expected: in, notin, =, ==, !=, gt, lt`);
}

export function parseLabelSelector(src: string): LabelSelector {
  if (src.trim() === "") return [];
  return splitRequirements(src).map(parseRequirement);
}

export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  const l = labels ?? {};
  return selector.every((r) => requirementMatches(r, l));
}

function requirementMatches(r: LabelRequirement, l: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(l, r.key);
  const v = l[r.key] ?? "";
  switch (r.op) {
    case "exists":
      return has;
    case "!":
      return !has;
    case "=":
    case "in":
      return has && r.values.includes(v);
    case "!=":
    case "notin":
      return !has || !r.values.includes(v);
    case ">":
    case "<": {
      if (!has || !/^-?\d+$/.test(v)) return false;
      return r.op === ">" ? Number(v) > r.value : Number(v) < r.value;
    }
  }
}
