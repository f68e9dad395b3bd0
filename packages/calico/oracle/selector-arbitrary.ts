/**
 * fast-check generators for Calico selectors and label maps (docs/calico-semantics.md §1), biased towards the
 * corners where a reimplementation goes wrong: every operator and its one-word spelling, sets (empty, trailing
 * comma), nested negation, whitespace other than spaces, both quote styles, labels near the 512-byte limit, and
 * broken fragments (single & | =, `has()`, trailing operators, literals on the left, truncations).
 */
import fc from "fast-check";

/** Label names shared by selectors and label maps so that matches are frequent. */
const SHORT_LABELS = ["a", "b", "app", "role", "k8s.io/name", "calico/k8s_ns", "projectcalico.org/name", "x-y_z.1"];

/** Labels at and around the 512-byte limit (MaxLabelLength); 513 and up do not tokenize. */
const LONG_LABELS = [511, 512, 513].map((n) => `l${"x".repeat(n - 1)}`);

/** Values shared by selectors and label maps; includes quotes, spaces and operator-looking text. */
const VALUES = [
  "",
  "a",
  "b",
  "web",
  "Web",
  "a b",
  "x'y",
  'x"y',
  "&&",
  "in",
  "{}",
  "ends",
  "a,b",
  "\t",
  "é",
  "\uffff",
  "😀",
  "ａ",
];

/** Words that are operators after a label but are ordinary labels elsewhere. */
const KEYWORD_LABELS = ["contains", "in", "not", "has", "all", "global", "startswith", "endswith", "starts", "ends"];

export const labelName: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SHORT_LABELS) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_LABELS) },
  { weight: 1, arbitrary: fc.constantFrom(...KEYWORD_LABELS) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_./-]{1,6}$/) },
);

const value: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3, unit: "grapheme" }) },
);

/** Whitespace between tokens: mostly spaces, sometimes tabs, sometimes a newline or carriage return (invalid). */
const ws: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("", " ") },
  { weight: 2, arbitrary: fc.constantFrom("  ", "\t", " \t ") },
  { weight: 1, arbitrary: fc.constantFrom("\n", "\r\n", "\r", "\v", "\f", "\u00a0") },
);

/** A string literal: quoted with a style that can hold the value when possible, otherwise whichever was drawn. */
function literal(v: string, preferSingle: boolean): string {
  if (v.includes('"') && !v.includes("'")) return `'${v}'`;
  if (v.includes("'") && !v.includes('"')) return `"${v}"`;
  return preferSingle ? `'${v}'` : `"${v}"`;
}

const lit: fc.Arbitrary<string> = fc.tuple(value, fc.boolean()).map(([v, single]) => literal(v, single));

const setLiteral: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(ws, lit, ws), { maxLength: 3 }), fc.boolean(), ws)
  .map(([items, trailingComma, inner]) => {
    const body = items.map(([l, v, r]) => `${l}${v}${r}`).join(",");
    return `{${body}${trailingComma && items.length > 0 ? "," : ""}${inner}}`;
  });

const comparison: fc.Arbitrary<string> = fc
  .tuple(
    labelName,
    ws,
    fc.constantFrom(
      "==",
      "!=",
      "contains",
      "starts with",
      "starts  with",
      "startswith",
      "ends with",
      "ends\twith",
      "endswith",
      "starts\twith",
      "=",
      "Contains",
    ),
    ws,
    lit,
  )
  .map(([l, w1, op, w2, v]) => `${l}${w1 === "" && /^[a-z]/.test(op) ? " " : w1}${op}${w2}${v}`);

const membership: fc.Arbitrary<string> = fc
  .tuple(
    labelName,
    fc.constantFrom(" in", " not in", " notin", " not  in", "\tin", " not\tin", " NOT in", " In"),
    ws,
    setLiteral,
  )
  .map(([l, op, w, set]) => `${l}${op}${w === "" ? " " : w}${set}`);

const functionCall: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(ws, labelName, ws).map(([a, l, b]) => `has(${a}${l}${b})`),
  fc.tuple(ws).map(([a]) => `all(${a})`),
  fc.tuple(ws).map(([a]) => `global(${a})`),
);

const atom: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: comparison },
  { weight: 2, arbitrary: membership },
  { weight: 2, arbitrary: functionCall },
);

/** A well-formed selector expression (before mutation), with random whitespace and nesting. */
export const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 4, arbitrary: atom },
    {
      weight: 2,
      arbitrary: fc
        .tuple(tie("expr"), ws, fc.constantFrom("&&", "||"), ws, tie("expr"))
        .map(([a, w1, op, w2, b]) => `${a}${w1}${op}${w2}${b}`),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom("!", "!!", "! ", "!!!"), tie("expr")).map(([n, e]) => `${n}${e}`),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(ws, tie("expr"), ws).map(([a, e, b]) => `(${a}${e}${b})`),
    },
  ),
})).expr;

/** Fragments that break a selector when spliced in. */
const BREAKERS = ["&", "|", "=", "has()", "&&", "||", "!", "(", ")", "{", "}", ",", "'", '"', "'b' == a", "==", "in"];

type Mutation = (s: string, at: number, extra: string) => string;

const MUTATIONS: readonly Mutation[] = [
  (s, at, extra) => `${s.slice(0, at)}${extra}${s.slice(at)}`,
  (s, at) => s.slice(0, at),
  (s, at) => `${s.slice(0, at)}${s.slice(at + 1)}`,
  (s, _at, extra) => `${s} ${extra}`,
  (s, _at, extra) => `${extra} ${s}`,
];

/** A lone UTF-16 surrogate: no UTF-8 text (YAML, JSON, Go strings) can carry one, so no selector contains one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A selector: mostly well-formed, a third of the time broken by one mutation. */
export const selectorText: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 6, arbitrary: fc.tuple(ws, expression, ws).map(([a, e, b]) => `${a}${e}${b}`) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(expression, fc.nat(), fc.constantFrom(...BREAKERS), fc.nat({ max: MUTATIONS.length - 1 }))
        .map(([e, at, extra, m]) => {
          const mutate = MUTATIONS[m] ?? MUTATIONS[0];
          return mutate === undefined ? e : mutate(e, at % (e.length + 1), extra);
        }),
    },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "\t", "()", "has(a) &&", "a ==", "b == b", "'a' == b", "a in") },
  )
  .filter((s) => !LONE_SURROGATE.test(s));

/** A label map over the shared label and value pools (plus the odd random entry). */
export const labelMap: fc.Arbitrary<Record<string, string>> = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...SHORT_LABELS) }, { weight: 1, arbitrary: labelName }),
      value,
    ),
    {
      maxLength: 5,
    },
  )
  .map((entries) => Object.fromEntries(entries));
