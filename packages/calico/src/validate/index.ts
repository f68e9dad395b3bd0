export type { SelectorCheck } from "./context";
export { FRAGMENTS, type Fragment, isFragment, validateFragmentWith } from "./fragment";
export type { FieldError, ValidationResult } from "./issues";
export {
  cidrContains,
  isStrictlyMasked,
  type ParsedCidr,
  type ParsedIp,
  parseCidr,
  parseCidrOrIp,
  parseIp,
} from "./net";
export { type ParsedPort, parsePort } from "./port";
export { type ParsedProtocol, parseProtocol, supportsPorts } from "./protocol";
export { type ValidateOptions, validateResourceWith } from "./resource";
