import { describe, expect, it } from "vitest";
import { parseSelector } from "./selector";

function restrictions(src: string) {
  const r = parseSelector(src);
  if (!r.ok) throw new Error(r.error.message);
  return Object.fromEntries(
    [...r.value.labelRestrictions()].map(([k, v]) => [k, [v.mustBePresent, v.mustBeAbsent, v.mustHaveOneOfValues]]),
  );
}

describe("label restrictions beyond the upstream table (ast.go LabelRestrictions, code reading)", () => {
  it("keeps upstream's value order: an OR sorts its left side, then appends the right side's new values", () => {
    expect(restrictions("a == 'v2' || a == 'v1'")).toEqual({ a: [true, false, ["v2", "v1"]] });
    expect(restrictions("a == 'c' || a == 'b' || a == 'a'")).toEqual({ a: [true, false, ["b", "c", "a"]] });
    expect(restrictions("a in {'b', 'a'} || a == 'a'")).toEqual({ a: [true, false, ["a", "b"]] });
  });

  it("intersects in the left operand's order under AND", () => {
    expect(restrictions("(a == 'z' || a == 'y') && a in {'y', 'z'}")).toEqual({ a: [true, false, ["z", "y"]] });
  });

  it("treats an empty set as presence only, since SliceCopy of an empty set is nil", () => {
    expect(restrictions("a in {}")).toEqual({ a: [true, false, undefined] });
  });

  it("inverts only a bare has() under !", () => {
    expect(restrictions("!(has(a))")).toEqual({ a: [false, true, undefined] });
    expect(restrictions("!!has(a)")).toEqual({ a: [true, false, undefined] });
    expect(restrictions("!(has(a) && has(b))")).toEqual({});
  });

  it("drops labels an OR does not require on every side, but keeps shared absence", () => {
    expect(restrictions("!has(a) || (!has(a) && b == 'x')")).toEqual({ a: [false, true, undefined] });
    expect(restrictions("has(a) || !has(a)")).toEqual({});
  });
});
