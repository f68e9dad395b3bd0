import type { FlowsConfig, GoldmaneSettings } from "./cluster-flows";
import { DEFAULT_FLOW_CAPACITY } from "./flow-store";

const SETTING_KEYS: readonly (keyof GoldmaneSettings)[] = [
  "address",
  "serverName",
  "secret",
  "caFile",
  "certFile",
  "keyFile",
];

/**
 * `--flows-config` (JSON): `{"capacity": 100000, "goldmane": {"<cluster>" | "*": {"address": "host:port",
 * "serverName": "...", "secret": "namespace/name"} | {..., "caFile", "certFile", "keyFile"}}}`. Every field is
 * optional; an unknown or mistyped one is an error naming its path.
 */
export function parseFlowsConfig(text: string | undefined): FlowsConfig {
  if (text === undefined) return { capacity: DEFAULT_FLOW_CAPACITY, goldmane: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON: ${(e as Error).message}`);
  }
  const top = object(raw, "(top level)");
  for (const key of Object.keys(top))
    if (key !== "capacity" && key !== "goldmane") throw new Error(`${key}: unknown field`);
  const capacity = top.capacity ?? DEFAULT_FLOW_CAPACITY;
  if (typeof capacity !== "number" || !Number.isInteger(capacity) || capacity < 1 || capacity > 10_000_000) {
    throw new Error(`capacity: must be an integer from 1 to 10000000 (got ${JSON.stringify(capacity)})`);
  }
  const goldmane: Record<string, GoldmaneSettings> = {};
  for (const [cluster, value] of Object.entries(object(top.goldmane ?? {}, "goldmane"))) {
    const settings = object(value, `goldmane.${cluster}`);
    const out: Record<string, string> = {};
    for (const [key, v] of Object.entries(settings)) {
      const path = `goldmane.${cluster}.${key}`;
      if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new Error(`${path}: unknown field`);
      if (typeof v !== "string" || v === "") throw new Error(`${path}: must be a non-empty string`);
      out[key] = v;
    }
    if (out.secret !== undefined && !/^[^/]+\/[^/]+$/.test(out.secret)) {
      throw new Error(`goldmane.${cluster}.secret: must be namespace/name (got "${out.secret}")`);
    }
    const files = ["caFile", "certFile", "keyFile"].filter((k) => out[k] !== undefined);
    if (files.length > 0 && files.length < 3) {
      throw new Error(`goldmane.${cluster}: caFile, certFile and keyFile go together (only ${files.join(", ")} given)`);
    }
    goldmane[cluster] = out;
  }
  return { capacity, goldmane };
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error(`${path}: must be an object`);
  return value as Record<string, unknown>;
}
