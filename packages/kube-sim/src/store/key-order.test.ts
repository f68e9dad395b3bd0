import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareKeys, etcdKey, lowerBound, upperBound } from "./key-order";

/** What etcd does: compare the UTF-8 bytes. */
const byteOrder = (a: string, b: string) => Math.sign(Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));

describe("compareKeys", () => {
  it("is the byte order of the UTF-8 encodings, for any strings of whole code points", () => {
    const key = fc.string({ unit: "binary", maxLength: 8 });
    fc.assert(fc.property(key, key, (a, b) => Math.sign(compareKeys(a, b)) === byteOrder(a, b)));
    // Near the boundaries where UTF-16 and UTF-8 orders part: ASCII, U+D7FF, U+E000–U+FFFF, above U+FFFF.
    const near = fc.string({
      unit: fc.constantFrom(
        "a",
        "A",
        "-",
        ".",
        "/",
        "_",
        "~",
        "\u00e9",
        "\ud7ff",
        "\ue000",
        "\uffff",
        "\u{10000}",
        "\u{1f600}",
      ),
      maxLength: 5,
    });
    fc.assert(fc.property(near, near, (a, b) => Math.sign(compareKeys(a, b)) === byteOrder(a, b)));
  });

  it("sorts a code point above U+FFFF after U+E000–U+FFFF, where JavaScript's < puts it first", () => {
    const emoji = "\u{1f600}";
    const fullwidth = "\uff21";
    expect(emoji < fullwidth).toBe(true);
    expect(compareKeys(emoji, fullwidth)).toBeGreaterThan(0);
  });

  it("orders a namespace before another it prefixes only when the next byte sorts after /", () => {
    const keys = ["a/x", "a-b/x", "a.b/x", "a0/x", "ab/x", "/y", "a/x-y", "a/x.y", "a/x0", "a/X"].sort(compareKeys);
    expect(keys).toEqual(["/y", "a-b/x", "a.b/x", "a/X", "a/x", "a/x-y", "a/x.y", "a/x0", "a0/x", "ab/x"]);
  });

  it("orders case and punctuation by byte, not as a collation does", () => {
    // localeCompare, which kube-sim sorted with while its continue tokens compared with `>`, answers the opposite
    // for each pair: a < B, ab < Ab, ~ < 0, _ < A.
    for (const [before, after] of [
      ["B", "a"],
      ["Ab", "ab"],
      ["0", "~"],
      ["A", "_"],
    ] as const)
      expect(compareKeys(before, after)).toBeLessThan(0);
  });
});

describe("etcdKey", () => {
  it("is <namespace>/<name>, and /<name> for cluster-scoped objects", () => {
    expect(etcdKey("shop", "frontend")).toBe("shop/frontend");
    expect(etcdKey(undefined, "allow-all")).toBe("/allow-all");
  });
});

describe("lowerBound and upperBound", () => {
  it("find the first key not before, and the first key after, any key", () => {
    const key = fc.string({ unit: fc.constantFrom("a", "b", "-", "/", "\u{1f600}", "\uffff"), maxLength: 4 });
    fc.assert(
      fc.property(fc.uniqueArray(key), key, (keys, probe) => {
        const sorted = [...keys].sort(compareKeys);
        expect(lowerBound(sorted, probe)).toBe(sorted.filter((k) => compareKeys(k, probe) < 0).length);
        expect(upperBound(sorted, probe)).toBe(sorted.filter((k) => compareKeys(k, probe) <= 0).length);
      }),
    );
  });
});
