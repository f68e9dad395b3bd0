/**
 * A parsed Calico selector: evaluation, canonical form, unique id and label restrictions
 * (docs/calico-semantics.md section 1; upstream `parser.Selector`).
 */
import { err, ok, type Result } from "../result";
import type { SelectorNode } from "./ast";
import { compileSelector, type Labels, type Matcher } from "./compile";
import { compileInterned, type InternedMatcher, type LabelTable } from "./interned";
import { canNeverMatch, type LabelRestrictions, labelRestrictionsOf } from "./label-restrictions";
import { parseSelectorNode } from "./parser";
import { printSelector } from "./print";
import { makeUniqueId } from "./sha224";
import type { SelectorError } from "./tokens";

export class Selector {
  readonly root: SelectorNode;
  /** Evaluates against any label accessor; compiled once, allocation-free per call. */
  readonly evaluate: Matcher;
  private canonical: string | undefined;
  private id: string | undefined;
  private restrictions: LabelRestrictions | undefined;
  private interned: { readonly table: LabelTable; readonly matcher: InternedMatcher } | undefined;

  constructor(root: SelectorNode) {
    this.root = root;
    this.evaluate = compileSelector(root);
  }

  /** The selector compiled against `table`, for labels interned in it; compiled once per table. */
  matcherFor(table: LabelTable): InternedMatcher {
    if (this.interned?.table !== table) this.interned = { table, matcher: compileInterned(this.root, table) };
    return this.interned.matcher;
  }

  /** Evaluates against a plain label object (own properties only). */
  matchesRecord(labels: Readonly<Record<string, string>>): boolean {
    return this.evaluate(recordLabels(labels));
  }

  /** Upstream `String()`: the canonical form, identical to Calico's. */
  toString(): string {
    this.canonical ??= printSelector(this.root);
    return this.canonical;
  }

  /**
   * The canonical form as Palisade shows it to people: values in single quotes (as Calico's documentation and IBM's
   * manifests write them, and as the rest of the dashboard shows selectors) unless a value contains one. Only the
   * quotes differ from `toString()`, which stays byte for byte Calico's (it is hashed into unique ids).
   */
  displayForm(): string {
    return printSelector(this.root, "'");
  }

  /** Upstream `UniqueID()`: `s:` + base64url-nopad(SHA-224(`s:` + canonical)). */
  uniqueId(): string {
    this.id ??= makeUniqueId("s", this.toString());
    return this.id;
  }

  /** Upstream `LabelRestrictions()`: per label, must be present / absent / one of these values. */
  labelRestrictions(): LabelRestrictions {
    this.restrictions ??= labelRestrictionsOf(this.root);
    return this.restrictions;
  }

  /** True when the label restrictions prove no label set can match (e.g. `a == 'x' && a == 'y'`). */
  canNeverMatch(): boolean {
    return canNeverMatch(this.labelRestrictions());
  }
}

/** Parses a Calico selector; errors are values with the offending offset, and no input makes it throw. */
export function parseSelector(src: string): Result<Selector, SelectorError> {
  const parsed = parseSelectorNode(src);
  return parsed.ok ? ok(new Selector(parsed.value)) : err(parsed.error);
}

/** Upstream `Validate()`: the same language as `parseSelector`; undefined when valid. */
export function validateSelector(src: string): SelectorError | undefined {
  const parsed = parseSelectorNode(src);
  return parsed.ok ? undefined : parsed.error;
}

/** A label accessor over a plain object that ignores inherited properties such as `constructor`. */
export function recordLabels(labels: Readonly<Record<string, string>>): Labels {
  return { get: (name) => (Object.hasOwn(labels, name) ? labels[name] : undefined) };
}
