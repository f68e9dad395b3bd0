/**
 * What other workspace packages (the benchmarks, the scripts) use of the BFF: starting it as `palisade serve` does,
 * its transport to a cluster and the resources it caches, how the server is bundled, how `palisade validate`
 * finds manifest files, and the flow ring with Goldmane's wire form (the flows benchmark).
 */
export { buildApp } from "./app";
export { AuditLog } from "./audit/log";
export { SERVER_BUNDLE_OPTIONS, SERVER_SOURCE_MAP } from "./bundle-options";
export { ClusterRegistry } from "./clusters/registry";
export { collectManifestFiles } from "./commands/manifest-files";
export { parseServeConfig } from "./config";
export { FlowStore } from "./flows/flow-store";
export { fromWire, type WireFlow, type WirePolicyHit } from "./flows/goldmane";
export { KubeClient } from "./kube/http";
export { CACHED_TYPES, type ResourceType, resourcePath } from "./kube/resources";
export { startServer } from "./server";
