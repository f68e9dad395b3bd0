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

/** Compiles a selector tree against `table` (interning its label names and literal values). Semantics as compile.ts. */
export function compileInterned(node: SelectorNode, table: LabelTable): InternedMatcher {
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
      const set = new Set(node.values.map((v) => table.id(v)));
      if (node.kind === "in") {
        return (l) => set.has(labelValue(l, name));
      }
      return (l) => !set.has(labelValue(l, name));
    }
    case "has": {
      const name = table.id(node.label);
      return (l) => labelValue(l, name) >= 0;
    }
    case "not": {
      const inner = compileInterned(node.operand, table);
      return (l) => !inner(l);
    }
    case "and":
    case "or":
      return junction(
        node.operands.map((o) => compileInterned(o, table)),
        node.kind === "and",
      );
    case "all":
    case "global":
      return TRUE;
  }
}

function junction(ms: InternedMatcher[], isAnd: boolean): InternedMatcher {
  const [a, b] = ms;
  if (ms.length === 2 && a !== undefined && b !== undefined) {
    return isAnd ? (l) => a(l) && b(l) : (l) => a(l) || b(l);
  }
  const n = ms.length;
  return (l) => {
    for (let i = 0; i < n; i++) {
      if ((ms[i] as InternedMatcher)(l) !== isAnd) return !isAnd;
    }
    return isAnd;
  };
}
