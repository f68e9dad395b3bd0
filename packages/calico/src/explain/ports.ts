/**
 * Rule port matching (docs/calico-semantics.md section 5 "Ports"): numbers and inclusive ranges compare directly;
 * a named port matches when the endpoint on that side has a port of that name and protocol with the packet's number
 * (Felix resolves named ports to IP-and-port sets of the selected endpoints). Decoding is the validator's.
 */
import type { NamedPort } from "../endpoints/endpoint";
import { parsePort } from "../validate/port";
import { protocolNumber } from "./protocol";

export function portMatches(
  specs: readonly (number | string)[],
  port: number,
  protocol: number,
  namedPorts: readonly NamedPort[],
): boolean {
  for (const s of specs) {
    const spec = parsePort(s);
    if (typeof spec === "string") continue;
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

/**
 * The endpoint's named port that `specs` names with the packet's port number but for another protocol, if any: the
 * reason a named port does not match is then the protocol, not the number.
 */
export function namedPortOfOtherProtocol(
  specs: readonly (number | string)[],
  port: number,
  protocol: number,
  namedPorts: readonly NamedPort[],
): NamedPort | undefined {
  const names = new Set(specs.flatMap((s) => (typeof s === "string" ? [s] : [])));
  return namedPorts.find((np) => names.has(np.name) && np.port === port && protocolNumber(np.protocol) !== protocol);
}
