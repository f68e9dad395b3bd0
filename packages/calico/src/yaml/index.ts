export {
  DEFAULT_LOAD_LIMITS,
  type LoadedResource,
  type LoadIssue,
  type LoadIssueKind,
  type LoadLimits,
  type LoadResult,
  loadYaml,
  locate,
  type SourcePosition,
} from "./load";
export { findPlaceholder } from "./placeholders";
