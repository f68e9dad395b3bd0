import { describe, expect, it } from "vitest";
import { ClusterStatusTracker, informersStatus } from "./cluster-status";

describe("informersStatus", () => {
  it("is syncing until every informer has synced, then ready, or reconnecting while one fails", () => {
    const pods = { resource: "Pod", synced: true, lastError: undefined };
    expect(informersStatus([pods, { resource: "Node", synced: false, lastError: undefined }])).toEqual({
      status: "syncing",
      message: undefined,
    });
    expect(informersStatus([pods])).toEqual({ status: "ready", message: undefined });
    expect(informersStatus([pods, { resource: "Node", synced: true, lastError: "gone" }])).toEqual({
      status: "reconnecting",
      message: "Node: gone",
    });
  });
});

describe("ClusterStatusTracker", () => {
  it("keeps when the cluster stopped answering until it answers again", () => {
    const tracker = new ClusterStatusTracker("connecting", undefined);
    expect(tracker.unreachableSince).toBeUndefined();
    expect(tracker.set("error", "refused")).toBe(true);
    const since = tracker.unreachableSince;
    expect(since).toBeDefined();
    expect(tracker.set("error", "refused")).toBe(false);
    expect(tracker.set("reconnecting", "Pod: gone")).toBe(true);
    expect(tracker.unreachableSince).toBe(since);
    expect(tracker.set("ready", undefined)).toBe(true);
    expect(tracker.now).toEqual({ status: "ready" });
    expect(tracker.unreachableSince).toBeUndefined();
  });
});
