import { describe, expect, it } from "vitest";
import { jsonPatch, mergePatch, PatchTestFailed, strategicMergePatch } from "./patch";

describe("JSON merge patch (RFC 7386)", () => {
  it("merges objects, replaces lists and removes keys set to null", () => {
    const target = { a: 1, b: { c: 2, d: 3 }, l: [1, 2] };
    expect(mergePatch(target, { b: { c: null, e: 4 }, l: [3], f: "x" })).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      l: [3],
      f: "x",
    });
    expect(target).toEqual({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] });
  });
});

describe("JSON patch (RFC 6902)", () => {
  const doc = { spec: { order: 1, types: ["Ingress"] } };

  it("adds, replaces, removes, moves and copies", () => {
    expect(
      jsonPatch(doc, [
        { op: "replace", path: "/spec/order", value: 2 },
        { op: "add", path: "/spec/types/-", value: "Egress" },
        { op: "copy", from: "/spec/order", path: "/spec/copied" },
        { op: "move", from: "/spec/copied", path: "/moved" },
        { op: "remove", path: "/spec/types/0" },
      ]),
    ).toEqual({ spec: { order: 2, types: ["Egress"] }, moved: 2 });
    expect(doc.spec.order).toBe(1);
  });

  it("fails as a whole on a failing test or a missing path", () => {
    expect(() => jsonPatch(doc, [{ op: "test", path: "/spec/order", value: 9 }])).toThrow(PatchTestFailed);
    expect(() => jsonPatch(doc, [{ op: "remove", path: "/spec/nothing" }])).toThrow(/nonexistent/);
  });
});

describe("strategic merge patch", () => {
  it("merges lists with a merge key and replaces lists without one", () => {
    const pod = {
      spec: {
        containers: [
          { name: "a", image: "1" },
          { name: "b", image: "1" },
        ],
        tolerations: [{ key: "x" }],
      },
    };
    expect(
      strategicMergePatch(pod, {
        spec: {
          containers: [
            { name: "b", image: "2" },
            { name: "c", image: "3" },
          ],
          tolerations: [{ key: "y" }],
        },
      }),
    ).toEqual({
      spec: {
        containers: [
          { name: "a", image: "1" },
          { name: "b", image: "2" },
          { name: "c", image: "3" },
        ],
        tolerations: [{ key: "y" }],
      },
    });
  });

  it("honours $patch: delete, $retainKeys, $setElementOrder and $deleteFromPrimitiveList", () => {
    const obj = {
      metadata: { finalizers: ["a", "b"] },
      spec: { containers: [{ name: "a" }, { name: "b" }], strategy: { type: "X", extra: 1 } },
    };
    expect(
      strategicMergePatch(obj, {
        metadata: { "$deleteFromPrimitiveList/finalizers": ["a"] },
        spec: {
          "$setElementOrder/containers": [{ name: "b" }],
          containers: [{ name: "a", $patch: "delete" }],
          strategy: { $retainKeys: ["type"], type: "Y" },
        },
      }),
    ).toEqual({ metadata: { finalizers: ["b"] }, spec: { containers: [{ name: "b" }], strategy: { type: "Y" } } });
  });

  it("merges service ports by port and container ports by containerPort", () => {
    const svc = { spec: { ports: [{ port: 80, name: "http" }] } };
    expect(strategicMergePatch(svc, { spec: { ports: [{ port: 443, name: "https" }] } })).toEqual({
      spec: {
        ports: [
          { port: 80, name: "http" },
          { port: 443, name: "https" },
        ],
      },
    });
  });
});
