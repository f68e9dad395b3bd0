/** Where two JSON values differ, as field paths (`spec.egress[4].destination.nets[2]`), for drift reports. */

export interface FieldChange {
  readonly path: string;
  /** The value the catalog generates there (JSON), or undefined when the field should not be there. */
  readonly expected: unknown;
  /** The value in the cluster, or undefined when the field is missing. */
  readonly live: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every leaf (or whole subtree, when only one side has it) where `live` differs from `expected`. */
export function fieldChanges(expected: unknown, live: unknown, path = ""): FieldChange[] {
  if (Array.isArray(expected) && Array.isArray(live)) {
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(expected.length, live.length); i++) {
      out.push(...fieldChanges(expected[i], live[i], `${path}[${i}]`));
    }
    return out;
  }
  if (isObject(expected) && isObject(live)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(live)])].sort();
    return keys.flatMap((k) => fieldChanges(expected[k], live[k], path === "" ? k : `${path}.${k}`));
  }
  if (JSON.stringify(expected) === JSON.stringify(live)) return [];
  return [{ path, expected, live }];
}
