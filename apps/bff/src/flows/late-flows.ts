import type { WireFlow } from "./goldmane";

/** How many of Goldmane's intervals back a catch-up looks for late flows (5 minutes at Goldmane's default 15 s). */
export const CATCH_UP_INTERVALS = 20;

/** One of Goldmane's aggregation intervals, `[start, end)` in Unix seconds. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/**
 * What a flow from Goldmane is to Palisade: `new`; `grown`, more of a flow already held (`id`: the held flow's)
 * because Felix reported more of it late, Goldmane's totals for the interval being larger; or `known`.
 */
export type Taken =
  | { readonly kind: "new" }
  | { readonly kind: "grown"; readonly id: string }
  | { readonly kind: "known" };

/** A flow's counters as one string: equal strings, nothing new. */
const countsOf = (f: WireFlow) =>
  [
    f.packets_in,
    f.packets_out,
    f.bytes_in,
    f.bytes_out,
    f.num_connections_started,
    f.num_connections_completed,
    f.num_connections_live,
  ].join(",");

/**
 * Which of Goldmane's flows Palisade has already taken, by Goldmane's flow key and interval, with their counters, so
 * `Flows.List` can catch up on late ones. Goldmane sends each interval to its streams once, a little after it closes;
 * a flow that Felix reports after that still lands in the interval (so `Flows.List` shows it, and a later report of a
 * key adds to its totals there) but never reaches a stream. A streamed flow covers exactly one interval
 * (`start_time` to `end_time`), which gives the interval grid; `Flows.List` over one interval of that grid returns
 * that interval's flows, and the ones not seen yet, or seen with smaller counts, are the late ones. Until a flow
 * has shown the grid (from the stream, or from a list: `anchor`) there is nothing to list.
 */
export class LateFlows {
  /** Interval start → flow key → the held flow's id (once known) and the counters taken. */
  private readonly seen = new Map<number, Map<string, { id: string | undefined; counts: string }>>();
  private width: number | undefined;
  /** Start of the newest interval Goldmane has closed as far as Palisade knows: later ones are still to come on the stream. */
  private newestStreamed: number | undefined;

  /** A flow from `Flows.Stream` (the stream never repeats one, but a catch-up may have taken it first). */
  streamed(flow: WireFlow): Taken {
    const width = flow.end_time - flow.start_time;
    if (width > 0) {
      this.grid(flow.start_time, width);
      if (this.newestStreamed === undefined || flow.start_time > this.newestStreamed) {
        this.newestStreamed = flow.start_time;
      }
    }
    return this.take(flow);
  }

  /** A flow from `Flows.List` over one of `intervals()`. */
  listed(flow: WireFlow): Taken {
    return this.take(flow);
  }

  /** The held flow's id for a flow just taken as new, so that more of it reported later updates that flow. */
  held(flow: WireFlow, id: string): void {
    const entry = flow.Key === null ? undefined : this.seen.get(flow.start_time)?.get(JSON.stringify(flow.Key));
    if (entry !== undefined) entry.id = id;
  }

  /**
   * The grid from `Flows.List` before the stream has shown it: an interval `[start, start + width)` Goldmane holds.
   * The intervals closed by `now` are the ones to list.
   */
  anchor(start: number, width: number, now: number): void {
    if (width <= 0) return;
    this.grid(start, width);
    const closed = start + Math.floor((now - width - start) / width) * width;
    if (this.newestStreamed === undefined || closed > this.newestStreamed) {
      this.newestStreamed = closed;
    }
  }

  /**
   * The intervals to list for late flows, newest first: those Goldmane has already closed (streamed), at most
   * `CATCH_UP_INTERVALS` back. Forgets keys of intervals older than that.
   */
  intervals(): Interval[] {
    const { width, newestStreamed } = this;
    if (width === undefined || newestStreamed === undefined) return [];
    const oldest = newestStreamed - (CATCH_UP_INTERVALS - 1) * width;
    for (const start of this.seen.keys()) if (start < oldest) this.seen.delete(start);
    const out: Interval[] = [];
    for (let start = newestStreamed; start >= oldest; start -= width) out.push({ start, end: start + width });
    return out;
  }

  /** Goldmane's interval width in seconds, once a flow has shown it. */
  get intervalSeconds(): number | undefined {
    return this.width;
  }

  /** Takes `width` and a point on the grid; a different grid (Goldmane restarted) makes what was seen unmatchable. */
  private grid(start: number, width: number): void {
    if (this.width !== width || (this.newestStreamed !== undefined && !this.onGrid(start))) {
      this.seen.clear();
      this.newestStreamed = undefined;
    }
    this.width = width;
  }

  private onGrid(start: number): boolean {
    return this.width !== undefined && this.newestStreamed !== undefined
      ? (((start - this.newestStreamed) % this.width) + this.width) % this.width === 0
      : true;
  }

  private take(flow: WireFlow): Taken {
    if (flow.Key === null) return { kind: "known" };
    const key = JSON.stringify(flow.Key);
    let keys = this.seen.get(flow.start_time);
    if (keys === undefined) {
      keys = new Map();
      this.seen.set(flow.start_time, keys);
    }
    const counts = countsOf(flow);
    const entry = keys.get(key);
    if (entry === undefined) {
      keys.set(key, { id: undefined, counts });
      return { kind: "new" };
    }
    if (entry.counts === counts) return { kind: "known" };
    entry.counts = counts;
    return entry.id === undefined ? { kind: "known" } : { kind: "grown", id: entry.id };
  }
}
