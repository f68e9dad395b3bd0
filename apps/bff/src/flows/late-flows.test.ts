import { describe, expect, it } from "vitest";
import { wireFlow } from "../testing/wire-flow";
import { CATCH_UP_INTERVALS, LateFlows } from "./late-flows";

const flow = (source: string, start: number, width = 15) =>
  wireFlow({ source, dest: "web-*", port: 443, action: "Allow", enforced: [], packets: 1, start, width });

describe("LateFlows", () => {
  it("has nothing to list until the stream shows Goldmane's interval grid", () => {
    const late = new LateFlows();
    expect(late.intervals()).toEqual([]);
    expect(late.intervalSeconds).toBeUndefined();
  });

  it("lists the intervals already streamed, newest first, and takes only flows not seen for their interval", () => {
    const late = new LateFlows();
    expect(late.streamed(flow("a", 1000))).toBe(true);
    expect(late.streamed(flow("a", 1015))).toBe(true);
    expect(late.intervalSeconds).toBe(15);
    const intervals = late.intervals();
    expect(intervals.slice(0, 3)).toEqual([
      { start: 1015, end: 1030 },
      { start: 1000, end: 1015 },
      { start: 985, end: 1000 },
    ]);
    expect(intervals).toHaveLength(CATCH_UP_INTERVALS);
    // The list repeats what the stream gave; a key new to an interval is late.
    expect(late.listed(flow("a", 1000))).toBe(false);
    expect(late.listed(flow("b", 1000))).toBe(true);
    expect(late.listed(flow("b", 1000))).toBe(false);
    // The same key in another interval is another flow.
    expect(late.listed(flow("b", 1015))).toBe(true);
  });

  it("does not take from the stream what a catch-up already took", () => {
    const late = new LateFlows();
    late.streamed(flow("a", 1000));
    expect(late.listed(flow("b", 1000))).toBe(true);
    expect(late.streamed(flow("b", 1000))).toBe(false);
  });

  it("forgets intervals older than the catch-up window", () => {
    const late = new LateFlows();
    late.streamed(flow("a", 1000));
    late.streamed(flow("z", 1000 + CATCH_UP_INTERVALS * 15));
    late.intervals();
    // Interval 1000 fell out of the window: its keys are forgotten (it is no longer listed either).
    expect(late.intervals().some((i) => i.start === 1000)).toBe(false);
    expect(late.listed(flow("a", 1000))).toBe(true);
  });

  it("starts over when Goldmane's grid changes (a restart anchors its intervals elsewhere)", () => {
    const late = new LateFlows();
    late.streamed(flow("a", 1000));
    expect(late.streamed(flow("a", 1007))).toBe(true);
    expect(late.intervals()[0]).toEqual({ start: 1007, end: 1022 });
    expect(late.listed(flow("a", 1000))).toBe(true);
    late.streamed(flow("a", 2000, 1));
    expect(late.intervalSeconds).toBe(1);
    expect(late.intervals()[0]).toEqual({ start: 2000, end: 2001 });
  });
});
