export {
  BUILT_IN_TIER_ORDERS,
  comparePolicies,
  comparePoliciesInTier,
  compareTiers,
  DEFAULT_TIER,
  type PolicyOrderKey,
  sortPolicies,
  type TierInfo,
  tierOf,
} from "./policy/order";
export { err, ok, type Result } from "./result";
export { compareGoStrings, prefixLabels, type SelectorNode } from "./selector/ast";
export { compileSelector, type Labels, type Matcher } from "./selector/compile";
export {
  canNeverMatch,
  type LabelRestriction,
  type LabelRestrictions,
  labelRestrictionsOf,
  possibleToSatisfy,
} from "./selector/label-restrictions";
export { MAX_SELECTOR_NESTING, parseSelectorNode } from "./selector/parser";
export { printSelector } from "./selector/print";
export { parseSelector, recordLabels, Selector, validateSelector } from "./selector/selector";
export { makeUniqueId, sha224 } from "./selector/sha224";
export { isLabelChar, isValidLabel, MAX_LABEL_LENGTH, tokenize } from "./selector/tokenizer";
export type { SelectorError, Token, TokenKind } from "./selector/tokens";
export { checkSelectorVectors, type VectorOutcome } from "./selector/vectors";
