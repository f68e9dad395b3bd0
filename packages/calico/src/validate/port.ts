/**
 * numorstring.Port decoding and `validatePort` (docs/calico-semantics.md §5 "Ports"): a number, an inclusive range
 * "min:max", or a port name.
 */
import { portNameProblems } from "./names";

export type ParsedPort =
  | { readonly kind: "range"; readonly min: number; readonly max: number }
  | { readonly kind: "name"; readonly name: string };

const NAMED_PORT = /^[a-zA-Z0-9_.-]{1,128}$/;
const UINT16 = /^[0-9]+$/;

function uint16(s: string): number | undefined {
  if (!UINT16.test(s)) return undefined;
  const n = Number(s);
  return n <= 65535 ? n : undefined;
}

/** Decodes a port as `PortFromString` / the JSON decoder do; a string problem when it cannot be decoded. */
export function parsePort(value: unknown): ParsedPort | string {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0 || value > 65535) return `port ${value} is out of range; use 1-65535`;
    return { kind: "range", min: value, max: value };
  }
  if (typeof value !== "string") return `a port must be a number, a range "min:max" or a name, not ${typeof value}`;
  const single = uint16(value);
  if (single !== undefined) return { kind: "range", min: single, max: single };
  if (value.includes(":")) {
    const parts = value.split(":");
    const [lo = "", hi = ""] = parts;
    const min = uint16(lo);
    const max = uint16(hi);
    if (parts.length !== 2 || min === undefined || max === undefined) {
      return `port range "${value}" is invalid; write "min:max" with numbers 1-65535`;
    }
    if (min > max) return `port range "${value}" is reversed; write "${max}:${min}"`;
    return { kind: "range", min, max };
  }
  // A digit string that does not fit 16 bits is not a name either: upstream rejects "99999" (oracle-checked).
  if (NAMED_PORT.test(value) && !UINT16.test(value)) return { kind: "name", name: value };
  return `port "${value}" is invalid; use a number, a range "min:max" or a name of letters, digits, '_', '.', '-'`;
}

/** Why a port is invalid, or undefined (`validatePort` after decoding, and the `portName` tag on names). */
export function portProblem(value: unknown): string | undefined {
  const p = parsePort(value);
  if (typeof p === "string") return p;
  if (p.kind === "name") {
    const problem = portNameProblems(p.name);
    return problem === undefined ? undefined : `named port "${p.name}" is invalid: ${problem}`;
  }
  if (p.kind === "range" && (p.min < 1 || p.max < 1)) {
    return "port 0 is invalid; port numbers must be between 1 and 65535";
  }
  return undefined;
}

export function isNamedPort(value: unknown): boolean {
  const p = parsePort(value);
  return typeof p !== "string" && p.kind === "name";
}
