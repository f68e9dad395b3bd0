import { parse, stringify } from "yaml";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Three-way merge of plain values: what the user changed since `base` is replayed onto `theirs`. Objects merge key
 * by key; lists and scalars are leaves. Where both sides changed the same leaf differently, the user's value wins
 * and the path is reported so the page can say which of their edits overrode a concurrent change.
 */
export function merge3(
  base: unknown,
  mine: unknown,
  theirs: unknown,
  path = "",
  clashes: string[] = [],
): { value: unknown; clashes: string[] } {
  if (same(mine, base)) return { value: theirs, clashes };
  if (same(theirs, base) || same(mine, theirs)) return { value: mine, clashes };
  if (isObject(base) && isObject(mine) && isObject(theirs)) {
    const out: Record<string, unknown> = {};
    const keys = new Set([...Object.keys(theirs), ...Object.keys(mine)]);
    for (const k of keys) {
      const child = path === "" ? k : `${path}.${k}`;
      const v = merge3(base[k], mine[k], theirs[k], child, clashes).value;
      if (v !== undefined) out[k] = v;
    }
    return { value: out, clashes };
  }
  clashes.push(path === "" ? "(whole document)" : path);
  return { value: mine, clashes };
}

/**
 * Rebases the user's edit of one object onto the cluster's newer version: `base` is the YAML the user loaded,
 * `mine` their edited text, `theirs` the cluster's current YAML. The result carries the cluster's resourceVersion
 * (so the next apply replaces exactly that version). Undefined when any side is not a single YAML document.
 */
export function rebaseYaml(
  base: string,
  mine: string,
  theirs: string,
  resourceVersion: string,
): { yaml: string; clashes: string[] } | undefined {
  let b: unknown;
  let m: unknown;
  let t: unknown;
  try {
    [b, m, t] = [parse(base), parse(mine), parse(theirs)];
  } catch {
    return undefined;
  }
  if (!isObject(b) || !isObject(m) || !isObject(t)) return undefined;
  const strip = (o: Record<string, Json>) => {
    const meta = isObject(o.metadata) ? { ...o.metadata } : undefined;
    if (meta !== undefined) delete meta.resourceVersion;
    return meta === undefined ? o : { ...o, metadata: meta };
  };
  const { value, clashes } = merge3(strip(b), strip(m), strip(t));
  if (!isObject(value)) return undefined;
  const metadata = isObject(value.metadata) ? value.metadata : {};
  return { yaml: stringify({ ...value, metadata: { ...metadata, resourceVersion } }), clashes };
}
