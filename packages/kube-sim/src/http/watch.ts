import type { IncomingMessage, ServerResponse } from "node:http";
import { bookmark, type ListOptions, startWatch, type WatchEvent } from "../cluster/list";
import type { ResourceType } from "../registry/resource-type";
import type { Store } from "../store/store";
import { boolParam, optional } from "./request";

export interface WatchContext {
  readonly store: Store;
  readonly bookmarkIntervalMs: number;
}

/**
 * A watch as a chunked stream of JSON lines. Selectors and the resourceVersion are checked before the 200 is
 * committed, so a bad request still gets its Status; a too-old resourceVersion ends the stream after its ERROR event.
 */
export function serveWatch(
  ctx: WatchContext,
  req: IncomingMessage,
  url: URL,
  type: ResourceType,
  namespace: string | undefined,
  opts: ListOptions,
  res: ServerResponse,
): void {
  const allowBookmarks = boolParam(url, "allowWatchBookmarks");
  const { store } = ctx;
  const send = (e: WatchEvent) => res.write(`${JSON.stringify(e)}\n`);
  // Validate selectors and the resourceVersion before committing to a 200 streaming response.
  const events: WatchEvent[] = [];
  let live = false;
  const stop = startWatch(
    store,
    type,
    namespace,
    {
      ...opts,
      ...optional("resourceVersion", url.searchParams.get("resourceVersion")),
      allowWatchBookmarks: allowBookmarks,
      sendInitialEvents: boolParam(url, "sendInitialEvents"),
    },
    (e) => (live ? send(e) : events.push(e)),
  );
  res.writeHead(200, {
    "content-type": "application/json",
    "cache-control": "no-cache, private",
    "transfer-encoding": "chunked",
  });
  res.flushHeaders();
  for (const e of events) send(e);
  live = true;
  if (events.some((e) => e.type === "ERROR")) {
    stop();
    res.end();
    return;
  }
  const timers: NodeJS.Timeout[] = [];
  const close = () => {
    stop();
    for (const t of timers) clearInterval(t);
  };
  if (allowBookmarks) timers.push(setInterval(() => send(bookmark(type, store.published)), ctx.bookmarkIntervalMs));
  const timeout = Number(url.searchParams.get("timeoutSeconds") ?? "0");
  // Stop the bookmarks before ending: on a busy server the response's "close" comes later than the next bookmark,
  // which would then be written after the end (an unhandled error that took the process down).
  if (timeout > 0)
    timers.push(
      setTimeout(() => {
        close();
        res.end();
      }, timeout * 1000),
    );
  res.on("close", close);
  req.on("close", close);
}
