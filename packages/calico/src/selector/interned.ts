/**
 * Interned labels, as Felix holds them (lib/std/uniquelabels, uniquestr handles): label names and values become
 * small integers of a `LabelTable`, a label set becomes an array of `name, value` pairs sorted by name, and a
 * selector compiles to closures that compare integers. Evaluation then does no string hashing or comparison for
 * `==`, `!=`, `in`, `not in` and `has()`; an item's labels take one small array instead of a `Map`.
 */
import type { SelectorNode } from "./ast";

/** Strings ↔ dense integers; one table for names and values. Ids are never reused, so a compiled matcher stays valid. */
export class LabelTable {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];

  /** The string's id, given a new one if it has none. */
  id(s: string): number {
    let n = this.ids.get(s);
    if (n === undefined) {
      n = this.strings.length;
      this.ids.set(s, n);
      this.strings.push(s);
    }
    return n;
  }

  string(id: number): string {
    const s = this.strings[id];
    if (s === undefined) throw new Error(`label table has no string ${id}`);
    return s;
  }

  /** Interns a label set: `name, value` pairs sorted by name id. */
  labels(labels: ReadonlyMap<string, string>): InternedLabels {
    // Small-integer arrays: cheaper to make than typed arrays, and as compact.
    const out: number[] = [];
    let k = 0;
    labels.forEach((value, name) => {
      // Insertion sort as the pairs arrive: a label set is a dozen pairs.
      const n = this.id(name);
      let j = k;
      while (j > 0 && at(out, j - 2) > n) {
        out[j] = at(out, j - 2);
        out[j + 1] = at(out, j - 1);
        j -= 2;
      }
      out[j] = n;
      out[j + 1] = this.id(value);
      k += 2;
    });
    return out;
  }

  /** The label set back as strings. */
  toMap(labels: InternedLabels): Map<string, string> {
    const out = new Map<string, string>();
    for (let i = 0; i < labels.length; i += 2) out.set(this.string(at(labels, i)), this.string(at(labels, i + 1)));
    return out;
  }
}

/** `name, value` id pairs sorted by name id: [n0, v0, n1, v1, …]. */
export type InternedLabels = readonly number[];

export type InternedMatcher = (labels: InternedLabels) => boolean;

const at = (a: readonly number[], i: number): number => a[i] as number;

/** The value id of label `name`, or -1 when the set has no such label. */
export function labelValue(labels: InternedLabels, name: number): number {
  for (let i = 0; i < labels.length; i += 2) {
    const n = at(labels, i);
    if (n === name) return at(labels, i + 1);
    if (n > name) return -1;
  }
  return -1;
}

/**
 * Effective labels (felix/labelindex/label_inheritance_index.go): `own` wins, then each parent in order; a merge of
 * sorted arrays, so no map is built.
 */
export function mergeLabels(own: InternedLabels, parents: readonly (InternedLabels | undefined)[]): InternedLabels {
  let out = own;
  for (const p of parents) if (p !== undefined && p.length > 0) out = mergeTwo(out, p);
  return out;
}

/** Above every id: an exhausted side never wins the comparison. */
const END = 0x7fffffff;

function mergeTwo(a: InternedLabels, b: InternedLabels): InternedLabels {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const na = i < a.length ? at(a, i) : END;
    const nb = j < b.length ? at(b, j) : END;
    if (na <= nb) {
      out.push(na, at(a, i + 1));
      i += 2;
      if (na === nb) j += 2;
    } else {
      out.push(nb, at(b, j + 1));
      j += 2;
    }
  }
  return out;
}

const TRUE: InternedMatcher = () => true;

/** What a top-level matcher does; `Tree` hands over to the closures compiled from the tree. */
enum Top {
  Eq,
  Has,
  Tests,
  All,
  Tree,
}

/**
 * Compiles a selector tree against `table` (interning its label names and literal values). Semantics as compile.ts.
 * Every selector's matcher is a closure of one function (`topMatcher`), so a call site that evaluates many selectors
 * sees one callee and V8 can inline it; the commonest selectors (`a == 'x'`, `has(a)`, a conjunction of single-label
 * tests) run inside it without a further call.
 */
export function compileInterned(node: SelectorNode, table: LabelTable): InternedMatcher {
  switch (node.kind) {
    case "eq":
      return topMatcher(Top.Eq, table.id(node.label), table.id(node.value), undefined, TRUE);
    case "has":
      return topMatcher(Top.Has, table.id(node.label), -1, undefined, TRUE);
    case "all":
    case "global":
      return topMatcher(Top.All, -1, -1, undefined, TRUE);
  }
  const tests = singleLabelTests(node.kind === "and" ? node.operands : [node], table);
  if (tests !== undefined) return topMatcher(Top.Tests, -1, -1, tests, TRUE);
  return topMatcher(Top.Tree, -1, -1, undefined, compileNode(node, table));
}

function topMatcher(
  top: Top,
  name: number,
  value: number,
  tests: LabelTests | undefined,
  tree: InternedMatcher,
): InternedMatcher {
  return (l) => {
    switch (top) {
      case Top.Eq:
        // Names are sorted, so the scan stops at the first name not below this one.
        for (let i = 0, n = l.length; i < n; i += 2) {
          const k = l[i] as number;
          if (k >= name) return k === name && l[i + 1] === value;
        }
        return false;
      case Top.Has:
        return labelValue(l, name) >= 0;
      case Top.Tests:
        return allTests(tests as LabelTests, l);
      case Top.All:
        return true;
      case Top.Tree:
        return tree(l);
    }
  };
}

/** A node below the top (or a top node that is none of `Top`'s own): one closure per node. */
function compileNode(node: SelectorNode, table: LabelTable): InternedMatcher {
  switch (node.kind) {
    case "eq": {
      const name = table.id(node.label);
      const value = table.id(node.value);
      return (l) => labelValue(l, name) === value;
    }
    case "ne": {
      const name = table.id(node.label);
      const value = table.id(node.value);
      return (l) => labelValue(l, name) !== value;
    }
    case "contains":
    case "startsWith":
    case "endsWith": {
      const name = table.id(node.label);
      const { kind, value } = node;
      const test =
        kind === "contains"
          ? (s: string) => s.includes(value)
          : kind === "startsWith"
            ? (s: string) => s.startsWith(value)
            : (s: string) => s.endsWith(value);
      return (l) => {
        const v = labelValue(l, name);
        return v >= 0 && test(table.string(v));
      };
    }
    case "in":
    case "notIn": {
      const name = table.id(node.label);
      const ids = node.values.map((v) => table.id(v));
      const [a = -2, b = -2] = ids;
      // Sets in selectors are short; two compares beat a hash lookup.
      const member: (v: number) => boolean =
        ids.length <= 2
          ? (v) => v === a || v === b
          : (
              (set) => (v: number) =>
                set.has(v)
            )(new Set(ids));
      if (node.kind === "in") return (l) => member(labelValue(l, name));
      return (l) => !member(labelValue(l, name));
    }
    case "has": {
      const name = table.id(node.label);
      return (l) => labelValue(l, name) >= 0;
    }
    case "not": {
      const inner = compileNode(node.operand, table);
      return (l) => !inner(l);
    }
    case "and": {
      const tests = singleLabelTests(node.operands, table);
      if (tests !== undefined) return (l) => allTests(tests, l);
      return junction(
        node.operands.map((o) => compileNode(o, table)),
        true,
      );
    }
    case "or":
      return junction(
        node.operands.map((o) => compileNode(o, table)),
        false,
      );
    case "all":
    case "global":
      return TRUE;
  }
}

/** What a conjunction's single-label test asks of the label's value id (-1 when absent). */
enum Test {
  Eq,
  Ne,
  In,
  NotIn,
  Has,
  NotHas,
}

/** Single-label tests on distinct labels, sorted by label: parallel arrays, read by `allTests`. */
interface LabelTests {
  readonly names: readonly number[];
  readonly kinds: readonly Test[];
  readonly firstValues: readonly number[];
  readonly secondValues: readonly number[];
  /** The values of an `in` / `not in` test of more than two values; undefined for two or fewer (compared instead). */
  readonly sets: readonly (ReadonlySet<number> | undefined)[];
}

/**
 * `a == 'x' && b in {…} && has(c) && …` (or one such test) on distinct labels: checked by one walk of the sorted
 * labels beside the tests sorted by label, instead of a closure and a scan per test. Undefined for anything else.
 */
function singleLabelTests(operands: readonly SelectorNode[], table: LabelTable): LabelTests | undefined {
  const tests: { name: number; test: Test; values: readonly number[] }[] = [];
  for (const o of operands) {
    const negated = o.kind === "not";
    const node = o.kind === "not" ? o.operand : o;
    if (negated && node.kind !== "has") return undefined;
    if (node.kind === "has") {
      tests.push({ name: table.id(node.label), test: negated ? Test.NotHas : Test.Has, values: [] });
    } else if (node.kind === "eq" || node.kind === "ne") {
      const test = node.kind === "eq" ? Test.Eq : Test.Ne;
      tests.push({ name: table.id(node.label), test, values: [table.id(node.value)] });
    } else if (node.kind === "in" || node.kind === "notIn") {
      const test = node.kind === "in" ? Test.In : Test.NotIn;
      tests.push({ name: table.id(node.label), test, values: node.values.map((v) => table.id(v)) });
    } else return undefined;
  }
  tests.sort((a, b) => a.name - b.name);
  if (tests.some((t, i) => i > 0 && tests[i - 1]?.name === t.name)) return undefined;
  return {
    names: tests.map((t) => t.name),
    kinds: tests.map((t) => t.test),
    // -2 is no id and not the -1 of an absent label.
    firstValues: tests.map((t) => t.values[0] ?? -2),
    secondValues: tests.map((t) => t.values[1] ?? -2),
    sets: tests.map((t) => (t.values.length > 2 ? new Set(t.values) : undefined)),
  };
}

function allTests({ names, kinds, firstValues, secondValues, sets }: LabelTests, l: InternedLabels): boolean {
  let i = 0;
  const n = l.length;
  for (let t = 0; t < names.length; t++) {
    const name = names[t] as number;
    while (i < n && (l[i] as number) < name) i += 2;
    const v = i < n && l[i] === name ? (l[i + 1] as number) : -1;
    switch (kinds[t]) {
      case Test.Eq:
        if (v !== firstValues[t]) return false;
        break;
      case Test.Ne:
        if (v === firstValues[t]) return false;
        break;
      case Test.In:
        if (!isOneOf(v, t, firstValues, secondValues, sets)) return false;
        break;
      case Test.NotIn:
        if (isOneOf(v, t, firstValues, secondValues, sets)) return false;
        break;
      case Test.Has:
        if (v < 0) return false;
        break;
      case Test.NotHas:
        if (v >= 0) return false;
        break;
    }
  }
  return true;
}

/** Whether `v` is one of test `t`'s values: sets in selectors are short, and two compares beat a hash lookup. */
function isOneOf(
  v: number,
  t: number,
  firstValues: readonly number[],
  secondValues: readonly number[],
  sets: LabelTests["sets"],
): boolean {
  const set = sets[t];
  return set === undefined ? v === firstValues[t] || v === secondValues[t] : set.has(v);
}

/** Nested two-operand closures, so that every call site sees one callee; operands stay in order. */
function junction(ms: readonly InternedMatcher[], isAnd: boolean): InternedMatcher {
  const [a, ...rest] = ms;
  if (a === undefined) return (_) => isAnd;
  if (rest.length === 0) return a;
  const b = junction(rest, isAnd);
  return isAnd ? (l) => a(l) && b(l) : (l) => a(l) || b(l);
}
