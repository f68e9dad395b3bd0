/**
 * Rule port matching (api/pkg/lib/numorstring/port.go; docs/calico-semantics.md section 5): a port is a number, an
 * inclusive range `"min:max"`, or a named port that resolves against the named ports of the endpoint on that side.
 */
import type { NamedPort } from "../endpoints/endpoint";
import { protocolNumber } from "./protocol";

export type PortSpec =
  | { readonly kind: "range"; readonly min: number; readonly max: number }
  | { readonly kind: "named"; readonly name: string };

export function parsePort(p: number | string): PortSpec | undefined {
  if (typeof p === "number") return { kind: "range", min: p, max: p };
  const range = /^(\d+)(?::(\d+))?$/.exec(p);
  if (range !== null) {
    const min = Number(range[1]);
    const max = range[2] === undefined ? min : Number(range[2]);
    return min <= max ? { kind: "range", min, max } : undefined;
  }
  return /^[a-zA-Z0-9_.-]{1,128}$/.test(p) ? { kind: "named", name: p } : undefined;
}

/**
 * Whether `port` (with `protocol`) matches any entry. Named ports match when the side's endpoint has a port of that
 * name and protocol with that number (Felix resolves them to IP-and-port sets of the selected endpoints).
 */
export function portMatches(
  specs: readonly (number | string)[],
  port: number,
  protocol: number,
  namedPorts: readonly NamedPort[],
): boolean {
  for (const s of specs) {
    const spec = parsePort(s);
    if (spec === undefined) continue;
    if (spec.kind === "range") {
      if (port >= spec.min && port <= spec.max) return true;
    } else if (
      namedPorts.some((np) => np.name === spec.name && np.port === port && protocolNumber(np.protocol) === protocol)
    ) {
      return true;
    }
  }
  return false;
}
