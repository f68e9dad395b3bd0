/**
 * numorstring.Protocol decoding and checks (docs/calico-semantics.md §5 "Protocols"): names are case-sensitive,
 * numbers are 1-255, and a digit string such as "17" decodes to a number.
 */
import { PROTOCOL_NAMES } from "../model/rule";

export type ParsedProtocol =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "name"; readonly value: string };

/** Decodes a protocol as Calico's JSON decoding does; undefined when it cannot be decoded at all. */
export function parseProtocol(value: unknown): ParsedProtocol | undefined {
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 0 && value <= 255 ? { kind: "number", value } : undefined;
  }
  if (typeof value !== "string") return undefined;
  if (/^[0-9]+$/.test(value) && Number(value) <= 255) return { kind: "number", value: Number(value) };
  return { kind: "name", value };
}

/** Why a protocol is invalid, or undefined when it is valid (`validateProtocol`). */
export function protocolProblem(value: unknown): string | undefined {
  const p = parseProtocol(value);
  if (p === undefined)
    return `protocol ${JSON.stringify(value)} is invalid; use ${PROTOCOL_NAMES.join(", ")} or a number 1-255`;
  if (p.kind === "number") return p.value === 0 ? "protocol number 0 is invalid; use 1-255" : undefined;
  if ((PROTOCOL_NAMES as readonly string[]).includes(p.value)) return undefined;
  const folded = PROTOCOL_NAMES.find((n) => n.toLowerCase() === p.value.toLowerCase());
  if (folded !== undefined) return `protocol "${p.value}" is invalid: names are case-sensitive, write "${folded}"`;
  return `protocol "${p.value}" is invalid; use ${PROTOCOL_NAMES.join(", ")} or a number 1-255`;
}

/** `Protocol.SupportsPorts`: TCP, UDP and SCTP, by name or number (6, 17, 132). */
export function supportsPorts(p: ParsedProtocol | undefined): boolean {
  if (p === undefined) return false;
  if (p.kind === "number") return p.value === 6 || p.value === 17 || p.value === 132;
  return p.value === "TCP" || p.value === "UDP" || p.value === "SCTP";
}

/** Go compares protocols structurally: the name "TCP" is not equal to the number 6. */
export function isNamed(p: ParsedProtocol | undefined, name: string): boolean {
  return p?.kind === "name" && p.value === name;
}
