import type { FlowPolicyHit } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { countHits, FlowStore, type NewFlow } from "./flow-store";

const hit = (over: Partial<FlowPolicyHit> = {}): FlowPolicyHit => ({
  kind: "GlobalNetworkPolicy",
  tier: "default",
  name: "allow-web",
  action: "Allow",
  policyIndex: 0,
  ruleIndex: 0,
  ...over,
});

const flow = (over: Partial<NewFlow> = {}): NewFlow => ({
  startTime: 100,
  endTime: 115,
  source: { type: "wep", name: "client-*", namespace: "shop", labels: { app: "client" } },
  destination: { type: "wep", name: "web-*", namespace: "shop", labels: { app: "web" } },
  protocol: "TCP",
  port: 443,
  reporter: "Dst",
  action: "Allow",
  enforced: [hit()],
  pending: [],
  packetsIn: 5,
  packetsOut: 5,
  bytesIn: 100,
  bytesOut: 50,
  connectionsStarted: 2,
  connectionsCompleted: 2,
  connectionsLive: 0,
  ...over,
});

describe("FlowStore", () => {
  it("holds at most its capacity, dropping the oldest, and forgets their ids", () => {
    const store = new FlowStore(3);
    const added = [1, 2, 3, 4, 5].map((i) => store.add(flow({ startTime: i, endTime: i + 1 })));
    expect(store.size).toBe(3);
    expect([...store.newestFirst()].map((f) => f.startTime)).toEqual([5, 4, 3]);
    expect(store.get(added[0]?.id ?? "")).toBeUndefined();
    expect(store.get(added[4]?.id ?? "")?.startTime).toBe(5);
    expect(store.span()).toEqual({ oldest: 3, newest: 6 });
    expect(() => new FlowStore(0)).toThrow(/positive integer/);
  });

  it("shares equal endpoints and traces between flows", () => {
    const store = new FlowStore(10);
    const a = store.add(flow());
    const b = store.add(flow({ startTime: 200 }));
    expect(b.source).toBe(a.source);
    expect(b.enforced).toBe(a.enforced);
  });

  it("filters by time overlap, action, port, namespace, endpoint substring and policy (enforced, pending, trigger)", () => {
    const store = new FlowStore(10);
    store.add(flow());
    store.add(
      flow({
        startTime: 200,
        endTime: 215,
        action: "Deny",
        port: 22,
        enforced: [
          hit({
            kind: "EndOfTier",
            name: "default",
            action: "Deny",
            ruleIndex: -1,
            trigger: { kind: "GlobalNetworkPolicy", tier: "default", name: "lock-down" },
          }),
        ],
      }),
    );
    store.add(
      flow({
        startTime: 300,
        endTime: 315,
        source: { type: "network", name: "pub", labels: {} },
        pending: [hit({ kind: "StagedGlobalNetworkPolicy", name: "tighten", action: "Deny" })],
      }),
    );
    const starts = (q: Parameters<FlowStore["query"]>[0]) => store.query(q).items.map((f) => f.startTime);
    expect(starts({})).toEqual([300, 200, 100]);
    expect(starts({ from: 210 })).toEqual([300, 200]);
    expect(starts({ to: 199 })).toEqual([100]);
    expect(starts({ action: "Deny" })).toEqual([200]);
    expect(starts({ port: 22 })).toEqual([200]);
    expect(starts({ namespace: "other" })).toEqual([]);
    expect(starts({ namespace: "shop" })).toEqual([300, 200, 100]);
    expect(starts({ endpoint: "PUB" })).toEqual([300]);
    expect(starts({ policy: "lock-down" })).toEqual([200]);
    expect(starts({ policy: "tighten" })).toEqual([300]);
    expect(store.query({ limit: 1 })).toMatchObject({ matched: 3, items: [{ startTime: 300 }] });
  });

  it("tells listeners of every flow added", () => {
    const store = new FlowStore(2);
    const seen: number[] = [];
    const off = store.onAdd((f) => seen.push(f.startTime));
    store.add(flow({ startTime: 1 }));
    off();
    store.add(flow({ startTime: 2 }));
    expect(seen).toEqual([1]);
  });

  it("updates a held flow's counters in place, as the same flow, and tells listeners; not one no longer held", () => {
    const store = new FlowStore(2);
    const first = store.add(flow({ startTime: 1, packetsIn: 2 }));
    store.add(flow({ startTime: 2 }));
    const seen: [string, number][] = [];
    store.onAdd((f) => seen.push([f.id, f.packetsIn]));
    const updated = store.update(first.id, flow({ startTime: 999, packetsIn: 7, bytesIn: 900 }));
    expect(updated).toMatchObject({ id: first.id, startTime: 1, packetsIn: 7, bytesIn: 900 });
    expect(store.get(first.id)?.packetsIn).toBe(7);
    expect([...store.newestFirst()].map((f) => [f.startTime, f.packetsIn])).toEqual([
      [2, 5],
      [1, 7],
    ]);
    expect(store.size).toBe(2);
    expect(seen).toEqual([[first.id, 7]]);
    store.add(flow({ startTime: 3 }));
    expect(store.update(first.id, flow())).toBeUndefined();
  });
});

describe("countHits", () => {
  it("counts each flow once per policy and per rule, a tier's end for its trigger, pending apart, busiest first", () => {
    const store = new FlowStore(10);
    const lockDown = { kind: "GlobalNetworkPolicy", tier: "default", name: "lock-down" } as const;
    store.add(flow());
    store.add(flow({ reporter: "Src" }));
    store.add(
      flow({
        action: "Deny",
        enforced: [hit({ kind: "EndOfTier", name: "default", action: "Deny", ruleIndex: -1, trigger: lockDown })],
      }),
    );
    store.add(
      flow({
        pending: [
          hit({ kind: "StagedGlobalNetworkPolicy", name: "tighten", action: "Deny", ruleIndex: 1 }),
          hit({ kind: "StagedGlobalNetworkPolicy", name: "tighten", action: "Deny", ruleIndex: 1 }),
        ],
      }),
    );
    const hits = countHits(store.newestFirst(), () => undefined);
    expect(hits.map((h) => `${h.pending ? "pending " : ""}${h.name}`)).toEqual([
      "allow-web",
      "lock-down",
      "pending tighten",
    ]);
    const [web, lock, tighten] = hits;
    expect(web?.allowed).toMatchObject({ flows: 3, packets: 30, bytes: 450, connections: 6, lastSeen: 115 });
    expect(web?.rules).toEqual([
      expect.objectContaining({ direction: "Ingress", rule: 0, action: "Allow", flows: 2 }),
      expect.objectContaining({ direction: "Egress", rule: 0, action: "Allow", flows: 1 }),
    ]);
    expect(lock?.denied.flows).toBe(1);
    expect(lock?.rules).toEqual([expect.objectContaining({ rule: -1, action: "Deny", flows: 1 })]);
    expect(lock?.deniedFrom).toEqual([{ source: "shop/client-*", flows: 1 }]);
    expect(tighten).toMatchObject({ pending: true, kind: "StagedGlobalNetworkPolicy", denied: { flows: 1 } });
    expect(tighten?.rules).toEqual([expect.objectContaining({ rule: 1, flows: 1 })]);
  });
});
