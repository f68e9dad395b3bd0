import { apiPaths, type ServerEvent } from "@palisade/contract";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { familiesToInvalidate } from "./events";
import { type CacheFamily, cacheFamilies } from "./queryKeys";

export type LiveState = "connecting" | "live" | "offline";

const BATCH_MS = 200;

/**
 * Subscribes to the BFF's event stream for a cluster and marks the affected queries stale, batching bursts (an
 * apply of many documents) into one refetch. EventSource reconnects by itself; the state feeds the header badge.
 */
export function useLiveUpdates(cluster: string): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => {
    const source = new EventSource(apiPaths.events(cluster));
    const pending = new Set<CacheFamily>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      for (const family of pending) void client.invalidateQueries({ queryKey: cacheFamilies[family](cluster) });
      pending.clear();
    };
    const onEvent = (e: MessageEvent<string>) => {
      const event = JSON.parse(e.data) as ServerEvent;
      for (const f of familiesToInvalidate(event)) pending.add(f);
      timer ??= setTimeout(flush, BATCH_MS);
    };
    for (const name of ["change", "status", "resync"]) source.addEventListener(name, onEvent);
    source.onopen = () => setState("live");
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    return () => {
      source.close();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, cluster]);
  return state;
}
