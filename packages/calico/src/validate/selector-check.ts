/** The validator's selector check backed by this package's selector parser (docs/calico-semantics.md §1). */
import { validateSelector } from "../selector/selector";
import type { SelectorCheck } from "./context";

/** Undefined when `selector` parses, else the parse error with its 1-based character position. */
export const checkSelectorSyntax: SelectorCheck = (selector) => {
  const error = validateSelector(selector);
  return error === undefined ? undefined : `${error.message} (at character ${error.offset + 1})`;
};
