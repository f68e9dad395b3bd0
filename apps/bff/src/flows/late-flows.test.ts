import { describe, expect, it } from "vitest";
import { wireFlow } from "../testing/wire-flow";
import { CATCH_UP_INTERVALS, LateFlows } from "./late-flows";

const flow = (source: string, start: number, width = 15, packets = 1) =>
  wireFlow({ source, dest: "web-*", port: 443, action: "Allow", enforced: [], packets, start, width });

const NEW = { kind: "new" };
const KNOWN = { kind: "known" };

describe("LateFlows", () => {
  it("has nothing to list until a flow shows Goldmane's interval grid", () => {
    const late = new LateFlows();
    expect(late.intervals()).toEqual([]);
    expect(late.intervalSeconds).toBeUndefined();
  });

  it("lists the intervals already streamed, newest first, and takes only flows not seen for their interval", () => {
    const late = new LateFlows();
    expect(late.streamed(flow("a", 1000))).toEqual(NEW);
    expect(late.streamed(flow("a", 1015))).toEqual(NEW);
    expect(late.intervalSeconds).toBe(15);
    const intervals = late.intervals();
    expect(intervals.slice(0, 3)).toEqual([
      { start: 1015, end: 1030 },
      { start: 1000, end: 1015 },
      { start: 985, end: 1000 },
    ]);
    expect(intervals).toHaveLength(CATCH_UP_INTERVALS);
    // The list repeats what the stream gave; a key new to an interval is late.
    expect(late.listed(flow("a", 1000))).toEqual(KNOWN);
    expect(late.listed(flow("b", 1000))).toEqual(NEW);
    expect(late.listed(flow("b", 1000))).toEqual(KNOWN);
    // The same key in another interval is another flow.
    expect(late.listed(flow("b", 1015))).toEqual(NEW);
  });

  it("takes more of a held flow (Felix reported more of its key late) as an update of that flow", () => {
    const late = new LateFlows();
    const onTime = flow("a", 1000, 15, 2);
    expect(late.streamed(onTime)).toEqual(NEW);
    late.held(onTime, "f1");
    // Goldmane's totals for the interval grew: the held flow is updated, once per change.
    expect(late.listed(flow("a", 1000, 15, 5))).toEqual({ kind: "grown", id: "f1" });
    expect(late.listed(flow("a", 1000, 15, 5))).toEqual(KNOWN);
    expect(late.listed(flow("a", 1000, 15, 7))).toEqual({ kind: "grown", id: "f1" });
    // The stream sending an interval a catch-up took part of is the same.
    const listedFirst = flow("b", 1000, 15, 1);
    expect(late.listed(listedFirst)).toEqual(NEW);
    late.held(listedFirst, "f2");
    expect(late.streamed(flow("b", 1000, 15, 3))).toEqual({ kind: "grown", id: "f2" });
  });

  it("does not take from the stream what a catch-up already took", () => {
    const late = new LateFlows();
    late.streamed(flow("a", 1000));
    expect(late.listed(flow("b", 1000))).toEqual(NEW);
    expect(late.streamed(flow("b", 1000))).toEqual(KNOWN);
  });

  it("takes the grid from a listed interval before the stream has sent anything, listing the closed intervals", () => {
    const late = new LateFlows();
    // Goldmane holds [1000, 1015); at 1047 the intervals up to [1030, 1045) have closed.
    late.anchor(1000, 15, 1047);
    expect(late.intervalSeconds).toBe(15);
    expect(late.intervals().slice(0, 2)).toEqual([
      { start: 1030, end: 1045 },
      { start: 1015, end: 1030 },
    ]);
    expect(late.listed(flow("first", 1000))).toEqual(NEW);
    // The stream then agrees with that grid: what the catch-up took is not taken again.
    expect(late.streamed(flow("first", 1000))).toEqual(KNOWN);
    expect(late.intervals()[0]).toEqual({ start: 1030, end: 1045 });
  });

  it("forgets intervals older than the catch-up window", () => {
    const late = new LateFlows();
    late.streamed(flow("a", 1000));
    late.streamed(flow("z", 1000 + CATCH_UP_INTERVALS * 15));
    late.intervals();
    // Interval 1000 fell out of the window: its keys are forgotten (it is no longer listed either).
    expect(late.intervals().some((i) => i.start === 1000)).toBe(false);
    expect(late.listed(flow("a", 1000))).toEqual(NEW);
  });

  it("starts over when Goldmane's grid changes (a restart anchors its intervals elsewhere)", () => {
    const late = new LateFlows();
    late.streamed(flow("a", 1000));
    expect(late.streamed(flow("a", 1007))).toEqual(NEW);
    expect(late.intervals()[0]).toEqual({ start: 1007, end: 1022 });
    expect(late.listed(flow("a", 1000))).toEqual(NEW);
    late.streamed(flow("a", 2000, 1));
    expect(late.intervalSeconds).toBe(1);
    expect(late.intervals()[0]).toEqual({ start: 2000, end: 2001 });
  });
});
