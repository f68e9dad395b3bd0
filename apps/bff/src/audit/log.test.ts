import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AuditEntry } from "@palisade/contract";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditLog } from "./log";

const entry = (cluster: string, name: string, outcome: AuditEntry["outcome"]): AuditEntry => ({
  time: "2026-01-01T00:00:00.000Z",
  user: "alice",
  cluster,
  action: "update",
  object: { kind: "GlobalNetworkPolicy", name },
  fromResourceVersion: "1",
  toResourceVersion: outcome === "success" ? "2" : null,
  diff: "",
  outcome,
  requestId: "r1",
});

describe("AuditLog", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "palisade-audit-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("appends JSON lines that a new instance (a restart) reads back newest first, per cluster", async () => {
    const path = join(dir, "nested", "audit.jsonl");
    const first = new AuditLog(path);
    await first.append([entry("a", "p1", "success"), entry("b", "p2", "success")]);
    await first.append([entry("a", "p3", "failure")]);
    const lines = (await readFile(path, "utf8")).trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).object.name)).toEqual(["p1", "p2", "p3"]);

    const restarted = new AuditLog(path);
    const read = await restarted.read("a", 10);
    expect(read.total).toBe(2);
    expect(read.items.map((e) => [e.object.name, e.outcome])).toEqual([
      ["p3", "failure"],
      ["p1", "success"],
    ]);
    expect((await restarted.read("a", 1)).items).toHaveLength(1);
  });

  it("reports a log it cannot write without failing the caller", async () => {
    const errors: unknown[] = [];
    const log = new AuditLog(join(dir, "file", "audit.jsonl"), (err) => errors.push(err));
    await writeFile(join(dir, "file"), "not a directory");
    await expect(log.append([entry("a", "p", "success")])).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it("reads an absent log as empty", async () => {
    expect(await new AuditLog(join(dir, "none.jsonl")).read("a", 5)).toEqual({ items: [], total: 0 });
  });
});
