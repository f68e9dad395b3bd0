/**
 * Name, label and annotation rules: Kubernetes' apimachinery validation as libcalico-go applies it, and the
 * per-kind name rules of validator.go (docs/calico-semantics.md §3 "Name rules").
 */
import { childPath, type Issues, isRecord } from "./issues";

const LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;

export const DNS_LABEL = new RegExp(`^${LABEL}$`);
export const DNS_SUBDOMAIN = new RegExp(`^${SUBDOMAIN}$`);
/** GlobalNetworkPolicy: a label with at most one `label.` prefix. */
export const GLOBAL_POLICY_NAME = new RegExp(`^(${LABEL}\\.)?${LABEL}$`);
/** NetworkPolicy: `label`, `label.label`, or `knp.default.`/`ossg.default.` and a subdomain. */
export const POLICY_NAME = new RegExp(`^((${LABEL})(\\.${LABEL})?|((?:knp|ossg)\\.default\\.(${SUBDOMAIN})))$`);

const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const MAX_NAME_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** Bytes of `s` in UTF-8, as Go's len() counts them. */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Problems with a label or annotation key (`IsQualifiedName`): `[prefix/]name`. */
export function qualifiedNameProblems(key: string): string[] {
  const parts = key.split("/");
  const problems: string[] = [];
  let name = key;
  if (parts.length === 2) {
    const [prefix = "", rest = ""] = parts;
    name = rest;
    if (prefix.length === 0) problems.push("the prefix before '/' must not be empty");
    else if (prefix.length > MAX_NAME_LENGTH || !DNS_SUBDOMAIN.test(prefix)) {
      problems.push(`the prefix "${prefix}" must be a DNS subdomain (lower case letters, digits, '-' and '.')`);
    }
  } else if (parts.length > 2) {
    return ["a key may contain at most one '/' (an optional DNS-subdomain prefix and a name)"];
  }
  if (name.length === 0) problems.push("the name part must not be empty");
  else if (name.length > MAX_LABEL_LENGTH)
    problems.push(`the name part must be at most ${MAX_LABEL_LENGTH} characters`);
  else if (!QUALIFIED_NAME_PART.test(name)) {
    problems.push(
      "the name part must start and end with a letter or digit and contain only letters, digits, '-', '_' and '.'",
    );
  }
  return problems;
}

export function labelValueProblems(value: string): string[] {
  if (value.length > MAX_LABEL_LENGTH) return [`a label value must be at most ${MAX_LABEL_LENGTH} characters`];
  if (!LABEL_VALUE.test(value)) {
    return [
      "a label value must be empty or start and end with a letter or digit, with only letters, digits, '-', '_' and '.'",
    ];
  }
  return [];
}

/** `validateObjectMetaLabels`. */
export function checkLabels(labels: unknown, path: string, issues: Issues): void {
  if (!isRecord(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    for (const p of qualifiedNameProblems(key)) issues.add(childPath(path, key), `label key "${key}": ${p}`);
    if (typeof value === "string") {
      for (const p of labelValueProblems(value)) issues.add(childPath(path, key), `label value "${value}": ${p}`);
    }
  }
}

/** `validateObjectMetaAnnotations`: qualified keys (compared in lower case) and at most 256 KiB in total. */
export function checkAnnotations(annotations: unknown, path: string, issues: Issues): void {
  if (!isRecord(annotations)) return;
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    for (const p of qualifiedNameProblems(key.toLowerCase()))
      issues.add(childPath(path, key), `annotation key "${key}": ${p}`);
    total += utf8Length(key) + (typeof value === "string" ? utf8Length(value) : 0);
  }
  if (total > MAX_ANNOTATIONS_BYTES) {
    issues.add(path, `annotations total ${total} bytes; at most ${MAX_ANNOTATIONS_BYTES} are allowed`);
  }
}

/** Kubernetes `IsValidPortName` (IANA service name): used for host endpoint port names. */
export function portNameProblems(name: string): string | undefined {
  if (name.length === 0) return "a port name is required";
  if (name.length > 15) return "a port name must be at most 15 characters";
  if (!/^[-a-z0-9]+$/.test(name)) return "a port name may contain only lower case letters, digits and '-'";
  if (!/[a-z]/.test(name)) return "a port name must contain at least one letter";
  if (name.startsWith("-") || name.endsWith("-")) return "a port name must not start or end with '-'";
  if (name.includes("--")) return "a port name must not contain '--'";
  return undefined;
}
