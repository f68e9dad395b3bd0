export { ErrorBody, FieldError } from "./errors";
export { PolicyKind, PolicyList, PolicySummary } from "./policies";
