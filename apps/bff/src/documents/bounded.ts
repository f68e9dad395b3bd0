/** Cluster requests one apply or delete has in flight at once: enough to overlap round trips, few enough that one
 * large request neither opens hundreds of connections nor floods the event loop with their callbacks. */
export const CLUSTER_REQUESTS_IN_FLIGHT = 8;

/** `Promise.all(items.map(fn))` with at most `limit` calls pending at once; results in the items' order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
  limit = CLUSTER_REQUESTS_IN_FLIGHT,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
