/**
 * Known behaviour differences between the Calico the oracle is built from and v3.32.1, the release Palisade follows
 * (docs/calico-semantics.md). The oracle pins v3.31.0 because the module proxy reachable here serves
 * github.com/projectcalico/calico only by exact pseudo-version, and the commit time needed to spell v3.32.1's
 * pseudo-version is not known here (see README.md). Each delta says how to turn the oracle's v3.31.0 verdict into
 * the v3.32.1 one; the vectors test checks that exactly these upstream table rows differ, so the list cannot rot.
 */
import type { OracleFieldError, ValidateAnswer } from "./client";

/** v3.31.0 rejects every port list on a rule without a protocol; v3.32.1 accepts named ports there (§5 Rule). */
const PROTOCOL_PORTS_REASON = "rules that specify ports must set protocol to TCP or UDP or SCTP";

const PORT_FIELDS = {
  "Source.Ports": ["source", "ports"],
  "Source.NotPorts": ["source", "notPorts"],
  "Destination.Ports": ["destination", "ports"],
  "Destination.NotPorts": ["destination", "notPorts"],
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON port that numorstring decodes as a named port: a string that is not a number or a `min:max` range. */
function isNamedPort(port: unknown): boolean {
  return typeof port === "string" && !/^\d+(:\d+)?$/.test(port);
}

function allNamed(rule: Record<string, unknown>, field: keyof typeof PORT_FIELDS): boolean {
  const [side, list] = PORT_FIELDS[field];
  const entity = rule[side];
  if (!isRecord(entity)) return false;
  const ports = entity[list];
  return Array.isArray(ports) && ports.length > 0 && ports.every(isNamedPort);
}

/** Every rule of a policy-shaped object (a Rule itself, a policy spec, or a whole policy). */
function rulesOf(object: unknown): Record<string, unknown>[] {
  if (!isRecord(object)) return [];
  if ("action" in object) return [object];
  const spec = isRecord(object.spec) ? object.spec : object;
  const rules: Record<string, unknown>[] = [];
  for (const key of ["ingress", "egress"]) {
    const list = spec[key];
    if (Array.isArray(list)) rules.push(...list.filter(isRecord));
  }
  return rules;
}

/**
 * The oracle's answer adjusted to v3.32.1: drops the "ports need a protocol" errors that v3.32.1 no longer reports
 * (named ports on a rule without protocol). Upstream names these errors by Go field only (`Source.Ports`), so for
 * each field as many errors are dropped as there are rules whose list of that field is all named ports.
 */
export function toV3321(object: unknown, answer: ValidateAnswer): ValidateAnswer & { readonly adjusted: boolean } {
  if (answer.valid) return { ...answer, adjusted: false };
  const rules = rulesOf(object).filter((rule) => rule.protocol === undefined);
  const droppable = new Map<string, number>();
  for (const field of Object.keys(PORT_FIELDS) as (keyof typeof PORT_FIELDS)[]) {
    droppable.set(field, rules.filter((rule) => allNamed(rule, field)).length);
  }
  const kept: OracleFieldError[] = [];
  for (const error of answer.errors) {
    const budget = droppable.get(error.field) ?? 0;
    if (error.reason === PROTOCOL_PORTS_REASON && budget > 0) droppable.set(error.field, budget - 1);
    else kept.push(error);
  }
  if (kept.length === answer.errors.length) return { ...answer, adjusted: false };
  return { valid: kept.length === 0, errors: kept, adjusted: true };
}
