import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/object";
import { Collection } from "./collection";
import { etcdKey } from "./key-order";

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

const pod = (namespace: string | undefined, name: string, rv = "1"): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, resourceVersion: rv, ...(namespace === undefined ? {} : { namespace }) },
});

const keysOf = (objects: Iterable<KubeObject>) =>
  [...objects].map((o) => etcdKey(o.metadata.namespace, o.metadata.name ?? ""));

function collectionOf(objects: readonly KubeObject[], spliceUpTo?: number): Collection {
  const c = new Collection(spliceUpTo);
  for (const o of objects) c.set(etcdKey(o.metadata.namespace, o.metadata.name ?? ""), o);
  return c;
}

describe("Collection", () => {
  it("reads a namespace's objects in key order, apart from namespaces it prefixes or that prefix it", () => {
    const c = collectionOf([
      pod("a", "x"),
      pod("a-b", "x"),
      pod("a", "x.y"),
      pod("a0", "x"),
      pod("a", "x-y"),
      pod("ab", "x"),
      pod("a", "X"),
    ]);
    expect(keysOf(c.after(undefined, ""))).toEqual(["a-b/x", "a/X", "a/x", "a/x-y", "a/x.y", "a0/x", "ab/x"]);
    expect(keysOf(c.after("a", ""))).toEqual(["a/X", "a/x", "a/x-y", "a/x.y"]);
    expect(keysOf(c.after("a", "a/x"))).toEqual(["a/x-y", "a/x.y"]);
    expect(c.countAfter("a", "a/x")).toBe(2);
    // A key from before the namespace resumes at its start; one from after it leaves nothing.
    expect(keysOf(c.after("a", "a-b/x"))).toEqual(["a/X", "a/x", "a/x-y", "a/x.y"]);
    expect(keysOf(c.after("a", "a0/x"))).toEqual([]);
    expect(c.countAfter("a", "a0/x")).toBe(0);
    expect(keysOf(c.after("a-", ""))).toEqual([]);
    // A resumed key need not exist any more.
    expect(keysOf(c.after(undefined, "a/x-"))).toEqual(["a/x-y", "a/x.y", "a0/x", "ab/x"]);
  });

  it("forgets a key added and deleted between two reads, and lists a key deleted and added back once", () => {
    for (const spliceUpTo of [64, 0]) {
      const c = collectionOf([pod("a", "x"), pod("a", "z")], spliceUpTo);
      expect(keysOf(c.after(undefined, ""))).toEqual(["a/x", "a/z"]);
      c.set("a/y", pod("a", "y"));
      c.delete("a/y");
      c.delete("a/x");
      c.set("a/x", pod("a", "x", "2"));
      expect(keysOf(c.after(undefined, "")), `spliceUpTo ${spliceUpTo}`).toEqual(["a/x", "a/z"]);
      expect(c.countAfter("a", "")).toBe(2);
    }
  });

  it.each([
    [64, "splicing pending writes in"],
    [1, "merging them"],
    [0, "always merging"],
  ])("keeps its order through any mix of writes and reads (up to %i pending writes spliced: %s)", (spliceUpTo) => {
    const namespace = fc.constantFrom(undefined, "a", "a-b", "a0");
    // Few keys, so that writes and deletes often meet keys already there.
    const name = fc.constantFrom("x", "X", "x-y", "x.y", "\u{1f600}", "\uffff");
    const op = fc.oneof(
      fc.record({ op: fc.constant("set" as const), namespace, name }),
      fc.record({ op: fc.constant("delete" as const), namespace, name }),
      fc.record({ op: fc.constant("read" as const), namespace, after: fc.option(fc.tuple(namespace, name)) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const c = new Collection(spliceUpTo);
        const model = new Map<string, KubeObject>();
        let rv = 0;
        for (const o of ops) {
          if (o.op === "set") {
            const key = etcdKey(o.namespace, o.name);
            const obj = pod(o.namespace, o.name, String(++rv));
            expect(c.set(key, obj)).toBe(model.get(key));
            model.set(key, obj);
          } else if (o.op === "delete") {
            const key = etcdKey(o.namespace, o.name);
            expect(c.delete(key)).toBe(model.get(key));
            model.delete(key);
          } else {
            const after = o.after === null ? "" : etcdKey(...o.after);
            const expected = [...model.keys()]
              .filter((k) => (o.namespace === undefined || k.startsWith(`${o.namespace}/`)) && byteOrder(k, after) > 0)
              .sort(byteOrder);
            expect([...c.after(o.namespace, after)]).toEqual(expected.map((k) => model.get(k)));
            expect(c.countAfter(o.namespace, after)).toBe(expected.length);
          }
        }
        expect(c.size).toBe(model.size);
      }),
      { numRuns: 500 },
    );
  });
});
