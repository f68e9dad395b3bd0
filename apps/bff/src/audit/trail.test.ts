import type { AuditEntry } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import type { AuditStore } from "./store";
import { newAuditId } from "./store";
import { AuditTrail } from "./trail";

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: newAuditId(),
  time: "2026-01-01T00:00:00.000Z",
  user: "alice",
  cluster: "a",
  action: "update",
  object: { kind: "GlobalNetworkPolicy", name: "allow-icmp" },
  fromResourceVersion: "1",
  toResourceVersion: "2",
  diff: "",
  outcome: "success",
  requestId: "r1",
  ...over,
});

function memoryStore(): AuditStore & { kept: AuditEntry[] } {
  const kept: AuditEntry[] = [];
  return {
    kept,
    append: async (entries) => {
      kept.push(...entries);
    },
    entries: async (cluster) => kept.filter((e) => e.cluster === cluster),
  };
}

describe("AuditTrail", () => {
  it("logs every entry as it stores it", async () => {
    const store = memoryStore();
    const logged: AuditEntry[] = [];
    const trail = new AuditTrail(store, (e) => logged.push(e));
    const entries = [entry({}), entry({ cluster: "b" })];
    await trail.append(entries);
    expect(logged).toEqual(entries);
    expect(store.kept).toEqual(entries);
  });

  it("answers newest first, filtered by object, user and outcome, with the total before the limit", async () => {
    const store = memoryStore();
    const trail = new AuditTrail(store, () => {});
    await trail.append([
      entry({ id: "1", user: "alice" }),
      entry({ id: "2", user: "bob", outcome: "failure", toResourceVersion: null }),
      entry({ id: "3", user: "bob", action: "rollback" }),
      entry({ id: "4", user: "Carol", object: { kind: "NetworkPolicy", name: "access-nginx", namespace: "default" } }),
      entry({ id: "5", cluster: "other" }),
    ]);
    const ids = async (q: Parameters<AuditTrail["query"]>[1]) => (await trail.query("a", q)).items.map((e) => e.id);
    expect(await ids({})).toEqual(["4", "3", "2", "1"]);
    expect(await ids({ outcome: "applied" })).toEqual(["4", "1"]);
    expect(await ids({ outcome: "refused" })).toEqual(["2"]);
    expect(await ids({ outcome: "rolled-back" })).toEqual(["3"]);
    expect(await ids({ user: "BO" })).toEqual(["3", "2"]);
    expect(await ids({ object: "NGINX" })).toEqual(["4"]);
    expect(await ids({ kind: "NetworkPolicy", name: "access-nginx", namespace: "default" })).toEqual(["4"]);
    expect(await ids({ kind: "GlobalNetworkPolicy", name: "access-nginx" })).toEqual([]);
    expect(await trail.query("a", { limit: 1 })).toMatchObject({ total: 4, items: [{ id: "4" }] });
    expect((await trail.entry("a", "2"))?.user).toBe("bob");
    expect(await trail.entry("a", "5")).toBeUndefined();
  });

  it("makes ids that sort by time and name an AuditRecord", () => {
    const a = newAuditId(new Date("2026-12-07T21:13:00.123Z"));
    const b = newAuditId(new Date("2026-12-07T21:13:00.124Z"));
    expect(a).toMatch(/^20261207t211300123z-[0-9a-f]{8}$/);
    expect(a < b).toBe(true);
    expect(a).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });
});
