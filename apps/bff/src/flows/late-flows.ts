import type { WireFlow } from "./goldmane";

/** How many of Goldmane's intervals back a catch-up looks for late flows (5 minutes at Goldmane's default 15 s). */
export const CATCH_UP_INTERVALS = 20;

/** One of Goldmane's aggregation intervals, `[start, end)` in Unix seconds. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/**
 * Which of Goldmane's flows Palisade has already taken, by Goldmane's flow key and interval, so `Flows.List` can catch
 * up on late ones. Goldmane sends each interval to its streams once, a little after it closes; a flow that Felix
 * reports after that still lands in the interval (so `Flows.List` shows it) but never reaches a stream. A streamed
 * flow covers exactly one interval (`start_time` to `end_time`), which gives the interval grid; `Flows.List` over one
 * interval of that grid returns that interval's flows, and the ones not seen yet are the late ones. Until the stream
 * has delivered a flow the grid is unknown (Goldmane anchors its intervals at its own start), so there is nothing to
 * catch up on.
 */
export class LateFlows {
  /** Interval start → the flow keys taken for it. */
  private readonly seen = new Map<number, Set<string>>();
  private width: number | undefined;
  /** Start of the newest interval the stream has delivered: later ones are still to come on the stream. */
  private newestStreamed: number | undefined;

  /** A flow from `Flows.Stream`: true when it is new (the stream never repeats one, but a catch-up may be first). */
  streamed(flow: WireFlow): boolean {
    const width = flow.end_time - flow.start_time;
    if (width > 0) {
      if (this.width !== width || (this.newestStreamed !== undefined && !this.onGrid(flow.start_time))) {
        // A new grid (Goldmane restarted with other intervals): what was seen on the old one cannot be matched.
        this.seen.clear();
        this.newestStreamed = undefined;
      }
      this.width = width;
      if (this.newestStreamed === undefined || flow.start_time > this.newestStreamed) {
        this.newestStreamed = flow.start_time;
      }
    }
    return this.take(flow);
  }

  /** A flow from `Flows.List` over one of `intervals()`: true when it is late (not taken before). */
  listed(flow: WireFlow): boolean {
    return this.take(flow);
  }

  /**
   * The intervals to list for late flows, newest first: those the stream has already delivered, at most
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

  /** Goldmane's interval width in seconds, once a streamed flow has shown it. */
  get intervalSeconds(): number | undefined {
    return this.width;
  }

  private onGrid(start: number): boolean {
    return this.width !== undefined && this.newestStreamed !== undefined
      ? (((start - this.newestStreamed) % this.width) + this.width) % this.width === 0
      : true;
  }

  private take(flow: WireFlow): boolean {
    if (flow.Key === null) return false;
    const key = JSON.stringify(flow.Key);
    let keys = this.seen.get(flow.start_time);
    if (keys === undefined) {
      keys = new Set();
      this.seen.set(flow.start_time, keys);
    }
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  }
}
