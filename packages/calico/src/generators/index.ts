export { DENY_NODEPORTS_DEFAULTS, type DenyNodePortsParams, denyNodePorts } from "./deny-nodeports";
export { interfaceSelector, type TargetInterface } from "./interfaces";
export {
  isLoggableKind,
  LOG_DENIED_PACKETS_DEFAULTS,
  type LogDeniedPacketsParams,
  type LoggablePolicy,
  logDeniedPackets,
} from "./log-denied-packets";
export {
  hostCidr,
  PREDNAT_ALLOWLIST_DEFAULTS,
  type PreDnatAllowlistParams,
  preDnatAllowlist,
} from "./prednat-allowlist";
export type { Generated } from "./result";
