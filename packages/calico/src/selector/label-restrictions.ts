/**
 * Label restrictions: lower bounds on the labels any match must have, as Felix derives them for indexing
 * (`LabelRestrictions()` in libcalico-go/lib/selector/parser/ast.go; docs/calico-semantics.md sections 1 and 6).
 * Value lists keep upstream's order so results compare exactly with upstream's.
 */
import { type SelectorNode, toStringSet } from "./ast";

export interface LabelRestriction {
  /** The label must be present for a match (`has(a)`, `a == 'x'`, `a in {...}`, `contains`, `starts/ends with`). */
  readonly mustBePresent: boolean;
  /** The label must be absent for a match (`!has(a)`). */
  readonly mustBeAbsent: boolean;
  /**
   * The label's value must be one of these. `undefined`: no value restriction is known; an empty list: the selector
   * can never match.
   */
  readonly mustHaveOneOfValues: readonly string[] | undefined;
}

/** Restrictions per label name; an empty map means none (upstream returns nil). */
export type LabelRestrictions = ReadonlyMap<string, LabelRestriction>;

interface Mutable {
  mustBePresent: boolean;
  mustBeAbsent: boolean;
  mustHaveOneOfValues: string[] | undefined;
}

export function labelRestrictionsOf(node: SelectorNode): LabelRestrictions {
  return derive(node);
}

/** `LabelRestriction.PossibleToSatisfy()`. */
export function possibleToSatisfy(r: LabelRestriction): boolean {
  if (r.mustBePresent && r.mustBeAbsent) return false;
  return r.mustHaveOneOfValues === undefined || r.mustHaveOneOfValues.length > 0;
}

/** True when some label's restriction can never be satisfied, so the selector matches nothing. */
export function canNeverMatch(restrictions: LabelRestrictions): boolean {
  for (const r of restrictions.values()) if (!possibleToSatisfy(r)) return true;
  return false;
}

function single(label: string, values: string[] | undefined): Map<string, Mutable> {
  return new Map([[label, { mustBePresent: true, mustBeAbsent: false, mustHaveOneOfValues: values }]]);
}

function derive(node: SelectorNode): Map<string, Mutable> {
  switch (node.kind) {
    case "eq":
      return single(node.label, [node.value]);
    case "in":
      // `StringSet.SliceCopy()` of an empty (nil) set is nil: `a in {}` restricts presence only.
      return single(node.label, node.values.length === 0 ? undefined : [...node.values]);
    case "contains":
    case "startsWith":
    case "endsWith":
    case "has":
      return single(node.label, undefined);
    case "not":
      // Only `!has(a)` inverts; `!(a == 'b')` does not require `a` to be absent.
      if (node.operand.kind === "has") {
        return new Map([
          [node.operand.label, { mustBePresent: false, mustBeAbsent: true, mustHaveOneOfValues: undefined }],
        ]);
      }
      return new Map();
    case "and":
      return deriveAnd(node.operands);
    case "or":
      return deriveOr(node.operands);
    case "ne":
    case "notIn":
    case "all":
    case "global":
      return new Map();
  }
}

function deriveAnd(operands: readonly SelectorNode[]): Map<string, Mutable> {
  const lr = new Map<string, Mutable>();
  for (const op of operands) {
    for (const [label, r] of derive(op)) {
      const base = lr.get(label) ?? { mustBePresent: false, mustBeAbsent: false, mustHaveOneOfValues: undefined };
      base.mustBePresent ||= r.mustBePresent;
      base.mustBeAbsent ||= r.mustBeAbsent;
      if (base.mustHaveOneOfValues === undefined) {
        base.mustHaveOneOfValues = r.mustHaveOneOfValues;
      } else if (r.mustHaveOneOfValues !== undefined) {
        const other = new Set(r.mustHaveOneOfValues);
        base.mustHaveOneOfValues = base.mustHaveOneOfValues.filter((v) => other.has(v));
      }
      lr.set(label, base);
    }
  }
  return lr;
}

function deriveOr(operands: readonly SelectorNode[]): Map<string, Mutable> {
  const [first, ...rest] = operands;
  const lr = first === undefined ? new Map<string, Mutable>() : derive(first);
  for (const op of rest) {
    const opLR = derive(op);
    for (const [label, r] of lr) {
      const opr = opLR.get(label);
      r.mustBePresent = r.mustBePresent && (opr?.mustBePresent ?? false);
      if (!r.mustBePresent || r.mustHaveOneOfValues === undefined || opr?.mustHaveOneOfValues === undefined) {
        r.mustHaveOneOfValues = undefined;
      } else {
        // `unionStringSlicesInPlace`: sorts the left side in place, then appends the right side's new values.
        const left = toStringSet(r.mustHaveOneOfValues);
        const seen = new Set(left);
        for (const v of opr.mustHaveOneOfValues) if (!seen.has(v)) left.push(v);
        r.mustHaveOneOfValues = left;
      }
      r.mustBeAbsent = r.mustBeAbsent && (opr?.mustBeAbsent ?? false);
      if (!r.mustBePresent && !r.mustBeAbsent) lr.delete(label);
    }
  }
  return lr;
}
