import { isRecord } from "../api/object";
import { badRequest } from "../api/status";

/** RFC 7386 JSON merge patch: objects merge recursively, `null` removes a key, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

type Op = { op: string; path: string; value?: unknown; from?: string };

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw badRequest(`the server rejected our request due to an error in our request`);
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function parentOf(doc: unknown, tokens: string[]): { parent: unknown; last: string } {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(t)] : isRecord(cur) ? cur[t] : undefined;
    if (cur === undefined) throw badRequest(`doc is missing path: "/${tokens.join("/")}": missing value`);
  }
  return { parent: cur, last: tokens[tokens.length - 1] ?? "" };
}

function read(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const t of pointer(path)) {
    cur = Array.isArray(cur) ? cur[Number(t)] : isRecord(cur) ? cur[t] : undefined;
    if (cur === undefined) throw badRequest(`doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens);
  if (Array.isArray(parent)) {
    const i = last === "-" ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length)
      throw badRequest(`add operation index out of bounds: ${last}`);
    parent.splice(i, 0, value);
  } else if (isRecord(parent)) parent[last] = value;
  else throw badRequest(`doc is missing path: "${path}": missing value`);
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const tokens = pointer(path);
  const { parent, last } = parentOf(doc, tokens);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) throw badRequest(`remove operation index out of bounds`);
    parent.splice(i, 1);
  } else if (isRecord(parent) && Object.hasOwn(parent, last)) delete parent[last];
  else throw badRequest(`Unable to remove nonexistent key: ${last}: missing value`);
  return doc;
}

/** RFC 6902 JSON patch; a failing `test` or a missing path rejects the whole patch. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc = structuredClone(target);
  for (const raw of ops as Op[]) {
    switch (raw.op) {
      case "add":
        doc = add(doc, raw.path, structuredClone(raw.value));
        break;
      case "remove":
        doc = remove(doc, raw.path);
        break;
      case "replace":
        read(doc, raw.path);
        doc = add(remove(doc, raw.path), raw.path, structuredClone(raw.value));
        break;
      case "move": {
        const v = read(doc, raw.from ?? "");
        doc = add(remove(doc, raw.from ?? ""), raw.path, v);
        break;
      }
      case "copy":
        doc = add(doc, raw.path, structuredClone(read(doc, raw.from ?? "")));
        break;
      case "test":
        if (JSON.stringify(read(doc, raw.path)) !== JSON.stringify(raw.value)) {
          throw new PatchTestFailed(`testing value ${raw.path} failed: test failed`);
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${String(raw.op)}`);
    }
  }
  return doc;
}

export class PatchTestFailed extends Error {}

/**
 * Merge keys of the list fields in the built-in kinds kube-sim serves (their `patchMergeKey` struct tags); other
 * lists are replaced whole, as strategic merge does for lists without a merge strategy.
 */
const MERGE_KEYS: Record<string, (items: unknown[]) => string> = {
  containers: () => "name",
  initContainers: () => "name",
  ephemeralContainers: () => "name",
  env: () => "name",
  volumes: () => "name",
  volumeMounts: () => "mountPath",
  imagePullSecrets: () => "name",
  ownerReferences: () => "uid",
  ports: (items) => (items.some((i) => isRecord(i) && "containerPort" in i) ? "containerPort" : "port"),
};

/** Primitive lists merged as sets (`patchStrategy:"merge"` on a list of strings). */
const MERGED_PRIMITIVE_LISTS = new Set(["finalizers"]);

/**
 * Strategic merge patch as kubectl sends it for built-in kinds: maps merge, `null` deletes, listed fields merge by
 * key, and the `$patch`, `$retainKeys`, `$setElementOrder/` and `$deleteFromPrimitiveList/` directives apply.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  if (patch.$patch === "replace") {
    const { $patch: _, ...rest } = patch;
    return rest;
  }
  if (patch.$patch === "delete") return undefined;
  let out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys.map(String));
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)));
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === "$patch" || k === "$retainKeys" || k.startsWith("$setElementOrder/")) continue;
    if (k.startsWith("$deleteFromPrimitiveList/")) {
      const field = k.slice("$deleteFromPrimitiveList/".length);
      const drop = new Set((Array.isArray(v) ? v : []).map((x) => JSON.stringify(x)));
      const cur = out[field];
      if (Array.isArray(cur)) out[field] = cur.filter((x) => !drop.has(JSON.stringify(x)));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (Array.isArray(v)) out[k] = mergeList(k, cur, v);
    else if (isRecord(v)) {
      const merged = strategicMergePatch(cur, v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  return out;
}

function mergeList(field: string, current: unknown, patch: unknown[]): unknown[] {
  const cur = Array.isArray(current) ? current : [];
  if (MERGED_PRIMITIVE_LISTS.has(field)) {
    const seen = new Set(cur.map((x) => JSON.stringify(x)));
    return [...cur, ...patch.filter((x) => !seen.has(JSON.stringify(x)))];
  }
  const keyOf = MERGE_KEYS[field];
  if (keyOf === undefined) return patch.filter((x) => !(isRecord(x) && x.$patch !== undefined));
  const key = keyOf([...cur, ...patch]);
  const out = [...cur];
  for (const item of patch) {
    if (!isRecord(item)) continue;
    if (item.$patch === "replace") return patch.filter((x) => !(isRecord(x) && x.$patch === "replace"));
    const i = out.findIndex((x) => isRecord(x) && x[key] === item[key]);
    if (item.$patch === "delete") {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = strategicMergePatch(out[i], item);
    else out.push(strategicMergePatch(undefined, item));
  }
  return out;
}
