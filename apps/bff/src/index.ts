/**
 * What other workspace packages (the benchmarks) use of the BFF: starting it as `palisade serve` does, its
 * transport to a cluster and the resources it caches, and how the server is bundled.
 */
export { SERVER_BUNDLE_OPTIONS } from "./bundle-options";
export { parseServeConfig } from "./config";
export { KubeClient } from "./kube/http";
export { CACHED_TYPES, type ResourceType, resourcePath } from "./kube/resources";
export { startServer } from "./server";
