/** What the validators share while walking one object. */
import type { ReleaseRange } from "../convert/admin-enforcement";
import type { Issues } from "./issues";

/**
 * Checks a selector's syntax: undefined when it parses, else the parse error as a sentence.
 * Grammar: docs/calico-semantics.md §1.
 */
export type SelectorCheck = (selector: string) => string | undefined;

export interface Context {
  readonly issues: Issues;
  readonly checkSelector: SelectorCheck;
  /** The target cluster's Calico releases, for rules that differ between them (built-in tiers). */
  readonly release?: ReleaseRange | undefined;
}

/** Reports a selector that does not parse. */
export function checkSelectorAt(ctx: Context, selector: unknown, path: string): void {
  if (typeof selector !== "string" || selector === "") return;
  const problem = ctx.checkSelector(selector);
  if (problem !== undefined) ctx.issues.add(path, `selector does not parse: ${problem}`);
}

/** `global()` is meaningful only as an EntityRule namespaceSelector (docs/calico-semantics.md §1, §5). */
export const GLOBAL_SELECTOR = "global()";
export const GLOBAL_ONLY_IN_NAMESPACE_SELECTOR =
  "global() can only be used on its own as an EntityRule namespaceSelector (source or destination of a rule)";
