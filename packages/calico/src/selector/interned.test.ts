import { describe, expect, it } from "vitest";
import { LabelTable, mergeLabels } from "./interned";
import { parseSelector } from "./selector";

const labels = (table: LabelTable, record: Record<string, string>) => table.labels(new Map(Object.entries(record)));

describe("interned labels", () => {
  it("round-trips a label set and keeps it sorted by name id whatever the insertion order", () => {
    const table = new LabelTable();
    table.id("z");
    const l = labels(table, { b: "2", z: "26", a: "1" });
    expect(table.toMap(l)).toEqual(
      new Map([
        ["z", "26"],
        ["b", "2"],
        ["a", "1"],
      ]),
    );
    const names = l.filter((_, i) => i % 2 === 0);
    expect(names).toEqual([...names].sort((x, y) => x - y));
  });

  it("merges parents under the item's own labels, first parent first", () => {
    const table = new LabelTable();
    const own = labels(table, { app: "web", team: "own" });
    const ns = labels(table, { team: "ns", env: "prod" });
    const sa = labels(table, { env: "sa", role: "x" });
    const merged = table.toMap(mergeLabels(own, [ns, undefined, sa]));
    expect(Object.fromEntries(merged)).toEqual({ app: "web", team: "own", env: "prod", role: "x" });
  });

  it("evaluates every operator as the string matcher does, absent labels included", () => {
    const table = new LabelTable();
    const sets: Record<string, string>[] = [
      {},
      { a: "x" },
      { a: "xyz" },
      { a: "" },
      { a: "other", b: "x" },
      { a: "other", b: "z" },
      { b: "y" },
    ];
    const selectors = [
      "a == 'x'",
      "a != 'x'",
      "a in {'x', 'y'}",
      "a not in {'x'}",
      "has(a)",
      "!has(a)",
      "a contains 'y'",
      "a starts with 'xy'",
      "a ends with 'z'",
      "a == 'x' || b == 'x'",
      "a != 'x' && has(b)",
      "all()",
      // Sets of more than two values, conjunctions nested or on one label twice, negations of compound tests.
      "a in {'x', 'y', 'xyz'}",
      "a not in {'', 'x', 'other'}",
      "a in {}",
      "a == 'x' && a == 'xyz'",
      "(a == 'other' && b in {'x', 'y', 'z'}) || !has(b)",
      "!(a == 'x')",
      "!has(a) && b not in {'y'}",
      "global()",
    ];
    for (const src of selectors) {
      const parsed = parseSelector(src);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const matcher = parsed.value.matcherFor(table);
      for (const set of sets) {
        expect(matcher(labels(table, set)), `${src} on ${JSON.stringify(set)}`).toBe(parsed.value.matchesRecord(set));
      }
    }
  });
});
