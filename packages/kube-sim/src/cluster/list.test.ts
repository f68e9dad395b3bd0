import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/object";
import { ApiError } from "../api/status";
import { BUILTIN_TYPES } from "../registry/builtins";
import type { ResourceType } from "../registry/resource-type";
import { Store } from "../store/store";
import { type ListOptions, listObjects, startWatch } from "./list";

function typeOf(plural: string): ResourceType {
  const t = BUILTIN_TYPES.find((x) => x.group === "" && x.plural === plural);
  if (t === undefined) throw new Error(`no built-in ${plural}`);
  return t;
}
const PODS = typeOf("pods");
const NODES = typeOf("nodes");

const pod = (namespace: string, name: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { namespace, name, labels },
});

/** Namespaces that prefix one another, names that differ by a dash, a dot, a digit; in etcd's key order. */
const ORDERED = [
  "a-b/x",
  "a.b/x",
  "a/x",
  "a/x-1",
  "a/x-1.b",
  "a/x.1",
  "a/x.1-b",
  "a/x0",
  "a/xa",
  "a0/x",
  "ab/x",
  "b/x",
];

function storeWithPods(window = 1000): Store {
  const store = new Store(window);
  // Written in reverse so that no insertion order hides a wrong sort.
  [...ORDERED].reverse().forEach((key, i) => {
    const [ns = "", name = ""] = key.split("/");
    store.put(PODS, pod(ns, name, { parity: i % 2 === 0 ? "even" : "odd" }), "ADDED");
  });
  return store;
}

const keysOf = (items: readonly KubeObject[]) => items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

/** Every page of a list, following continue tokens. */
function pages(store: Store, type: ResourceType, namespace: string | undefined, opts: ListOptions) {
  const out: ReturnType<typeof listObjects>[] = [];
  let cont: string | undefined;
  do {
    const page = listObjects(store, type, namespace, { ...opts, ...(cont === undefined ? {} : { continue: cont }) });
    out.push(page);
    cont = page.metadata.continue;
  } while (cont !== undefined);
  return out;
}

function apiError(call: () => unknown): ApiError {
  try {
    call();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

describe("listObjects", () => {
  it("lists in etcd's key order: a-b and a.b before a, a before a0 and ab", () => {
    expect(keysOf(listObjects(storeWithPods(), PODS, undefined, {}).items)).toEqual(ORDERED);
    expect(keysOf(listObjects(storeWithPods(), PODS, "a", {}).items)).toEqual(
      ORDERED.filter((k) => k.startsWith("a/")),
    );
  });

  it("pages of any size add up to the whole list, each with the count of what remains", () => {
    const store = storeWithPods();
    for (const namespace of [undefined, "a", "a-b", "c"]) {
      const whole = listObjects(store, PODS, namespace, {}).items;
      for (let limit = 1; limit <= whole.length + 1; limit++) {
        const all = pages(store, PODS, namespace, { limit });
        expect(all.flatMap((p) => p.items)).toEqual(whole);
        expect(all.length).toBe(Math.max(1, Math.ceil(whole.length / limit)));
        let seen = 0;
        for (const p of all) {
          seen += p.items.length;
          expect(p.metadata.remainingItemCount).toBe(seen < whole.length ? whole.length - seen : undefined);
          expect(p.metadata.resourceVersion).toBe(String(store.revision));
        }
      }
    }
  });

  it("counts only matching objects against the limit, and gives no remainingItemCount with a selector", () => {
    const store = storeWithPods();
    for (const [labelSelector, fieldSelector] of [
      ["parity=even", undefined],
      [undefined, "metadata.namespace!=a"],
      ["parity=odd", "metadata.name!=x"],
    ] as const) {
      const opts = { ...(labelSelector ? { labelSelector } : {}), ...(fieldSelector ? { fieldSelector } : {}) };
      const whole = listObjects(store, PODS, undefined, opts).items;
      expect(whole.length).toBeGreaterThan(2);
      expect(whole.length).toBeLessThan(ORDERED.length);
      for (let limit = 1; limit <= whole.length; limit++) {
        const all = pages(store, PODS, undefined, { ...opts, limit });
        expect(all.flatMap((p) => p.items)).toEqual(whole);
        for (const p of all.slice(0, -1)) expect(p.items).toHaveLength(limit);
        expect(all.every((p) => p.metadata.remainingItemCount === undefined)).toBe(true);
      }
    }
  });

  it("with a selector, continues after a full page when any object follows it, as the API server does", () => {
    const store = storeWithPods();
    // The last odd pod (ab/x) is followed by an even one (b/x); the last even pod ends the collection.
    const sizes = (labelSelector: string, limit: number) =>
      pages(store, PODS, undefined, { labelSelector, limit }).map((p) => p.items.length);
    expect(sizes("parity=odd", 3)).toEqual([3, 3, 0]);
    expect(sizes("parity=odd", 2)).toEqual([2, 2, 2, 0]);
    expect(sizes("parity=odd", 4)).toEqual([4, 2]);
    expect(sizes("parity=even", 3)).toEqual([3, 3]);
    expect(sizes("parity=even", 6)).toEqual([6]);
  });

  it("reads only the namespace an exact metadata.namespace selects, and only the key an exact name selects", () => {
    const store = storeWithPods();
    const shape = (fieldSelector: string, limit: number) =>
      pages(store, PODS, undefined, { fieldSelector, limit }).map((p) => keysOf(p.items).join(" "));
    // a-b is followed by other namespaces, yet its last page carries no continue token.
    expect(shape("metadata.namespace=a-b", 1)).toEqual(["a-b/x"]);
    expect(shape("metadata.namespace=a", 3)).toEqual(["a/x a/x-1 a/x-1.b", "a/x.1 a/x.1-b a/x0", "a/xa"]);
    expect(shape("metadata.namespace=a,metadata.name=x-1", 1)).toEqual(["a/x-1"]);
    expect(shape("metadata.namespace=a,metadata.name=nothing", 1)).toEqual([""]);
    // Without a namespace a name cannot make a key: every namespace is read, and a full page continues.
    expect(shape("metadata.name=x-1", 1)).toEqual(["a/x-1", ""]);
    expect(shape("metadata.name=x", 2)).toEqual(["a-b/x a.b/x", "a/x a0/x", "ab/x b/x"]);
    // Not an exact namespace: nothing is narrowed.
    expect(shape("metadata.namespace!=a", 8)).toEqual(["a-b/x a.b/x a0/x ab/x b/x"]);
    expect(pages(store, NODES, undefined, { fieldSelector: "metadata.name=n", limit: 1 })).toHaveLength(1);
  });

  it("orders cluster-scoped objects by name", () => {
    const store = new Store();
    for (const name of ["n.1", "n", "n-1", "n0", "m"]) {
      store.put(NODES, { apiVersion: "v1", kind: "Node", metadata: { name } }, "ADDED");
    }
    expect(pages(store, NODES, undefined, { limit: 2 }).flatMap((p) => p.items.map((o) => o.metadata.name))).toEqual([
      "m",
      "n",
      "n-1",
      "n.1",
      "n0",
    ]);
  });

  it("pages without skipping or repeating where a collation would disagree with the continue key's order", () => {
    // Names outside DNS-1123 never pass validation, but a state file restores whatever it holds.
    const store = new Store();
    for (const name of ["b", "B", "a", "Ab", "ab", "_", "~", "0", "\u00e9", "\u{1f600}", "\uff21"]) {
      store.put(NODES, { apiVersion: "v1", kind: "Node", metadata: { name } }, "ADDED");
    }
    const names = (items: readonly KubeObject[]) => items.map((o) => o.metadata.name);
    const whole = names(listObjects(store, NODES, undefined, {}).items);
    expect(whole).toEqual(["0", "Ab", "B", "_", "a", "ab", "b", "~", "\u00e9", "\uff21", "\u{1f600}"]);
    for (const limit of [1, 2, 3]) {
      expect(names(pages(store, NODES, undefined, { limit }).flatMap((p) => p.items))).toEqual(whole);
    }
  });

  it("resumes after the token's key whatever was written between pages, at the first page's resourceVersion", () => {
    const store = storeWithPods();
    const first = listObjects(store, PODS, undefined, { limit: 3 });
    expect(keysOf(first.items)).toEqual(["a-b/x", "a.b/x", "a/x"]);
    // The last object listed goes away, one appears before the cursor and one after it.
    store.remove(PODS, "a", "x");
    store.put(PODS, pod("a-a", "x"), "ADDED");
    store.put(PODS, pod("a", "x-0"), "ADDED");
    const second = listObjects(store, PODS, undefined, { limit: 3, continue: first.metadata.continue ?? "" });
    expect(keysOf(second.items)).toEqual(["a/x-0", "a/x-1", "a/x-1.b"]);
    expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    expect(second.metadata.remainingItemCount).toBe(7);
  });

  it("answers a continue token older than the retained history with 410 Expired, and a malformed one with 400", () => {
    const store = storeWithPods(3);
    const first = listObjects(store, PODS, undefined, { limit: 5 });
    for (let i = 0; i < 4; i++) store.put(PODS, pod("c", `y${i}`), "ADDED");
    const expired = apiError(() =>
      listObjects(store, PODS, undefined, { limit: 5, continue: first.metadata.continue ?? "" }),
    );
    expect(expired.toStatus()).toMatchObject({ code: 410, reason: "Expired" });
    const malformed = apiError(() => listObjects(store, PODS, undefined, { limit: 5, continue: "bm90LWEtdG9rZW4" }));
    expect(malformed.toStatus()).toMatchObject({ code: 400, reason: "BadRequest" });
  });
});

describe("watches on a store that holds events until they are durable", () => {
  it("delivers and resumes only published changes; a watch resumed from a bookmark misses none", () => {
    const store = new Store();
    store.holdEvents();
    const seen: string[] = [];
    const stop = startWatch(store, PODS, undefined, { resourceVersion: String(store.revision) }, (e) =>
      seen.push(`${e.type} ${(e.object as KubeObject).metadata.name}`),
    );
    store.put(PODS, pod("a", "first"), "ADDED");
    store.put(PODS, pod("a", "second"), "ADDED");
    expect(seen).toEqual([]);
    const bookmarkAt = store.published;
    expect(store.eventsSince(PODS, bookmarkAt)).toEqual([]);
    store.publish(store.revision - 1);
    expect(seen).toEqual(["ADDED first"]);
    store.publish(store.revision);
    expect(seen).toEqual(["ADDED first", "ADDED second"]);
    expect(store.eventsSince(PODS, bookmarkAt)?.map((e) => e.object.metadata.name)).toEqual(["first", "second"]);
    stop();
  });
});
