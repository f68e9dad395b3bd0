export type { SelectorCheck } from "./context";
export { FRAGMENTS, type Fragment, isFragment, validateFragment, validateFragmentWith } from "./fragment";
export type { FieldError, ValidationResult } from "./issues";
export { type ManifestError, type ManifestReport, validateManifests } from "./manifests";
export { type ParsedPort, parsePort, portProblem } from "./port";
export {
  type ValidateOptions,
  type ValidationTarget,
  validateResource,
  validateResourceWith,
} from "./resource";
export { checkSelectorSyntax } from "./selector-check";
export { checkValidationVectors, type ValidationVector, type ValidationVectorOutcome } from "./vectors";
