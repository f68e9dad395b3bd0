/**
 * ObjectMeta checks shared by every kind: `validateObjectMeta` and the per-kind name rules
 * (docs/calico-semantics.md §3 "Name rules").
 */
import type { Context } from "./context";
import { childPath, isRecord, stringOf } from "./issues";
import { checkAnnotations, checkLabels, DNS_SUBDOMAIN, MAX_NAME_LENGTH } from "./names";

export interface NameRule {
  readonly pattern: RegExp;
  readonly maxLength: number;
  /** What a valid name looks like, for the message. */
  readonly hint: string;
}

export const SUBDOMAIN_NAME: NameRule = {
  pattern: DNS_SUBDOMAIN,
  maxLength: MAX_NAME_LENGTH,
  hint: "lower case letters, digits, '-' and '.', starting and ending with a letter or digit",
};

export function checkMetadata(metadata: unknown, ctx: Context, names: readonly NameRule[]): void {
  const path = "metadata";
  if (!isRecord(metadata)) {
    ctx.issues.add(path, "metadata with a name is required");
    return;
  }
  const name = stringOf(metadata.name);
  const at = childPath(path, "name");
  if (name === "") ctx.issues.add(at, "a name is required");
  else {
    for (const rule of names) {
      if (name.length > rule.maxLength) {
        ctx.issues.add(at, `name is ${name.length} characters long; at most ${rule.maxLength} are allowed`);
      } else if (!rule.pattern.test(name)) {
        ctx.issues.add(at, `name "${name}" is invalid: use ${rule.hint}`);
      }
    }
  }
  checkLabels(metadata.labels, childPath(path, "labels"), ctx.issues);
  checkAnnotations(metadata.annotations, childPath(path, "annotations"), ctx.issues);
}
