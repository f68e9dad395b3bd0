import { type KubeConfig, type KubernetesObject, Watch } from "@kubernetes/client-node";

export interface SeenEvent {
  readonly type: string;
  readonly object: KubernetesObject & { code?: number; reason?: string; message?: string };
}

/**
 * Watches `path` with client-node until `enough(events)` holds or the stream ends, then stops. Resolves with the
 * events seen; `start` runs once the watch is connected (to make the changes the test expects to see).
 */
export async function collectWatch(
  kc: KubeConfig,
  path: string,
  params: Record<string, string | boolean>,
  enough: (events: readonly SeenEvent[]) => boolean,
  start: () => Promise<void> = async () => {},
): Promise<SeenEvent[]> {
  const events: SeenEvent[] = [];
  let finish: () => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const controller = await new Watch(kc).watch(
    path,
    params,
    (type, object) => {
      events.push({ type, object });
      if (enough(events)) finish();
    },
    (err: unknown) =>
      err === null || err === undefined || (err as Error).name === "AbortError" ? finish() : fail(err),
  );
  try {
    if (!enough(events)) await start();
    await finished;
  } finally {
    controller.abort();
  }
  return events;
}
