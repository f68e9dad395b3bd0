import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SelectorNode } from "./ast";
import { MAX_SELECTOR_NESTING } from "./parser";
import { printSelector } from "./print";
import { parseSelector, recordLabels, type Selector } from "./selector";

function parse(src: string): Selector {
  const r = parseSelector(src);
  if (!r.ok) throw new Error(`${src}: ${r.error.message}`);
  return r.value;
}

function errorOf(src: string) {
  const r = parseSelector(src);
  return r.ok ? undefined : r.error;
}

describe("parse errors carry a message and the offending offset", () => {
  it.each([
    ["a == b", 5, /quoted string/],
    ["foo == 'bar' &", 13, /'&&'/],
    ["x = 'y'", 2, /'=='/],
    ['a == "open', 5, /unterminated/],
    ["(a == 'x'", 9, /'\)'/],
    ["has(foo) &&", 11, /end of selector/],
    ["a squiggles 'x'", 2, /operator after label "a"/],
    ["has( )", 5, /label name/],
    ["all( x)", 5, /closing '\)'/],
    ["a == 'x'\n&& b == 'y'", 8, /line break/],
    ["a in 'x'", 5, /set literal/],
    ["a in {'x' 'y'}", 10, /'}'/],
    ["a == 'x' b", 9, /label "b" at end of selector/],
    ["a == 'x' )", 9, /at end of selector/],
  ])("%j fails at %i", (src, offset, message) => {
    const e = errorOf(src);
    expect(e?.offset).toBe(offset);
    expect(e?.message).toMatch(message);
  });

  it("rejects labels over 512 characters, also inside has()", () => {
    expect(errorOf(`has(${"a".repeat(513)})`)?.message).toMatch(/limit is 512/);
    expect(errorOf(`has(${"a".repeat(512)})`)).toBeUndefined();
  });

  it("limits nesting instead of overflowing the stack", () => {
    const deep = (n: number) => `${"(".repeat(n)}has(a)${")".repeat(n)}`;
    expect(parse(deep(MAX_SELECTOR_NESTING)).toString()).toBe("has(a)");
    expect(errorOf(deep(MAX_SELECTOR_NESTING + 1))?.message).toMatch(/nested/);
  });
});

describe("language details (docs/calico-semantics.md section 1)", () => {
  it.each([
    ["contains contains 'contains'", 'contains contains "contains"'],
    ["a  starts   with 'x'", 'a starts with "x"'],
    ["a notin {'x'}", 'a not in {"x"}'],
    ["a in {}", "a in {}"],
    ["a in {'x',}", 'a in {"x"}'],
    ["has( foo )", "has(foo)"],
    ["\tall(\t)", "all()"],
    ["!a == 'x'", '!a == "x"'],
    ["!!a == 'x'", 'a == "x"'],
    ["a == 'x' || b == 'y' && c == 'z'", '(a == "x" || (b == "y" && c == "z"))'],
    ["(a == 'x' && b == 'y') && c == 'z'", '((a == "x" && b == "y") && c == "z")'],
    ["!(has(a) || has(b))", "!(has(a) || has(b))"],
    ["a == '\"'", "a == '\"'"],
    ["a in {'b', '\"', \"'\"}", 'a in {\'"\', "\'", "b"}'],
  ])("%j prints as %j", (src, canonical) => {
    expect(parse(src).toString()).toBe(canonical);
  });

  it("shows people the canonical form in single quotes unless a value holds one; toString stays Calico's", () => {
    const s = parse("ibm.role=='worker_public' && a in {\"b\", 'it\"s', \"don't\"}");
    expect(s.toString()).toBe('(ibm.role == "worker_public" && a in {"b", "don\'t", \'it"s\'})');
    expect(s.displayForm()).toBe("(ibm.role == 'worker_public' && a in {'b', \"don't\", 'it\"s'})");
    expect(parse(s.displayForm()).toString()).toBe(s.toString());
  });

  it("prints a double negation of a group as upstream does, though re-parsing collapses it", () => {
    const s = parse("!(!has(a))");
    expect(s.toString()).toBe("!!has(a)");
    expect(parse(s.toString()).toString()).toBe("has(a)");
  });

  it("sorts set values byte-wise as Go does (astral characters after the rest of the BMP)", () => {
    expect(parse("a in {'\u{1F600}', '\uFFFD', 'b'}").toString()).toBe('a in {"b", "\uFFFD", "\u{1F600}"}');
  });

  it("treats empty and blank selectors as all()", () => {
    expect(parse("").toString()).toBe("all()");
    expect(parse(" \t ").uniqueId()).toBe("s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug");
  });

  it("evaluates missing labels per operator", () => {
    const none = recordLabels({});
    expect(parse("a != 'x'").evaluate(none)).toBe(true);
    expect(parse("a not in {'x'}").evaluate(none)).toBe(true);
    expect(parse("a in {}").evaluate(recordLabels({ a: "" }))).toBe(false);
    expect(parse("a not in {}").evaluate(none)).toBe(true);
    expect(parse("has(a)").evaluate(recordLabels({ a: "" }))).toBe(true);
    expect(parse("a == ''").evaluate(recordLabels({ a: "" }))).toBe(true);
    expect(parse("a == ''").evaluate(none)).toBe(false);
  });

  it("ignores inherited object properties when reading plain label objects", () => {
    expect(parse("has(constructor)").matchesRecord({})).toBe(false);
    expect(parse("has(toString)").matchesRecord({ toString: "x" })).toBe(true);
  });

  it("reports unsatisfiable selectors", () => {
    expect(parse("a == 'x' && a == 'y'").canNeverMatch()).toBe(true);
    expect(parse("has(a) && !has(a)").canNeverMatch()).toBe(true);
    expect(parse("a == 'x' || a == 'y'").canNeverMatch()).toBe(false);
  });
});

const label = fc.stringMatching(/^[a-z][a-z0-9_./-]{0,8}$/);
const value = fc.string({ maxLength: 6 }).filter((s) => !(s.includes('"') && s.includes("'")));

/** Trees as the parser builds them: no `not` directly inside a `not` (the parser collapses `!!`). */
const node: fc.Arbitrary<SelectorNode> = fc.letrec<{ node: SelectorNode; leaf: SelectorNode }>((tie) => ({
  leaf: fc.oneof(
    fc.record({ kind: fc.constantFrom("eq", "ne", "contains", "startsWith", "endsWith" as const), label, value }),
    fc.record({
      kind: fc.constantFrom("in", "notIn" as const),
      label,
      values: fc.uniqueArray(value, { maxLength: 3 }).map((vs) => [...vs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))),
    }),
    fc.record({ kind: fc.constant("has" as const), label }),
    fc.constant({ kind: "all" } as const),
    fc.constant({ kind: "global" } as const),
  ),
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("leaf"),
    fc.record({ kind: fc.constant("not" as const), operand: tie("leaf") }),
    fc.record({
      kind: fc.constantFrom("and", "or" as const),
      operands: fc.array(tie("node"), { minLength: 2, maxLength: 3 }),
    }),
  ),
})).node;

describe("properties", () => {
  it("print -> parse -> print is stable", () => {
    fc.assert(
      fc.property(node, (n) => {
        const printed = printSelector(n);
        expect(parse(printed).toString()).toBe(printed);
      }),
    );
  });

  it("the canonical form of any parsed selector evaluates like the original", () => {
    const labels = fc.dictionary(label, value, { maxKeys: 4 });
    fc.assert(
      fc.property(node, labels, (n, ls) => {
        const once = parse(printSelector(n));
        const twice = parse(once.toString());
        expect(twice.matchesRecord(ls)).toBe(once.matchesRecord(ls));
      }),
    );
  });

  it("never throws, whatever the input", () => {
    const alphabet = fc.constantFrom(
      ..."ab (){}!=&|,'\"\t\n".split(""),
      "has(",
      "all(",
      "global(",
      " in ",
      " not ",
      "==",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet, { maxLength: 30 }).map((a) => a.join("")),
        ),
        (src) => {
          const r = parseSelector(src);
          if (r.ok) {
            expect(parse(r.value.toString()).toString()).toBe(parse(parse(r.value.toString()).toString()).toString());
          } else {
            expect(r.error.offset).toBeGreaterThanOrEqual(0);
            expect(r.error.offset).toBeLessThanOrEqual(src.length);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
