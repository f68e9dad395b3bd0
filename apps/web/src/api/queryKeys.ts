/**
 * The roots of the dashboard's query keys, one per family of cached server data: every key in queries.ts starts
 * with one, so live updates (events.ts) and mutations invalidate a family by the same key the queries are built
 * with. Kept apart from queries.ts so the first page, which subscribes to live updates, does not carry every query.
 */
export const cacheFamilies = {
  clusters: () => ["clusters"],
  permissions: (cluster: string) => ["permissions", cluster],
  policies: (cluster: string) => ["policies", cluster],
  policy: (cluster: string) => ["policy", cluster],
  hostEndpoints: (cluster: string) => ["hostEndpoints", cluster],
  hostEndpoint: (cluster: string) => ["hostEndpoint", cluster],
  workloadEndpoints: (cluster: string) => ["workloadEndpoints", cluster],
  graph: (cluster: string) => ["graph", cluster],
  selector: (cluster: string) => ["selector", cluster],
  services: (cluster: string) => ["services", cluster],
  generator: (cluster: string) => ["generator", cluster],
  validate: (cluster: string) => ["validate", cluster],
  explain: (cluster: string) => ["explain", cluster],
  connectivity: (cluster: string) => ["connectivity", cluster],
  policySets: (cluster: string) => ["policySets", cluster],
  flows: (cluster: string) => ["flows", cluster],
  history: (cluster: string) => ["history", cluster],
} as const satisfies Record<string, (cluster: string) => readonly string[]>;

export type CacheFamily = keyof typeof cacheFamilies;
