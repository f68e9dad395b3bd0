import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AuditEntry } from "@palisade/contract";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditLog } from "./log";

const entry = (cluster: string, name: string, outcome: AuditEntry["outcome"]): AuditEntry => ({
  id: `${cluster}-${name}`,
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

  it("appends JSON lines that a new instance (a restart) reads back in order, per cluster", async () => {
    const path = join(dir, "nested", "audit.jsonl");
    const first = new AuditLog(path);
    await first.append([entry("a", "p1", "success"), entry("b", "p2", "success")]);
    await first.append([entry("a", "p3", "failure")]);
    const lines = (await readFile(path, "utf8")).trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).object.name)).toEqual(["p1", "p2", "p3"]);

    const restarted = new AuditLog(path);
    const read = await restarted.entries("a");
    expect(read.map((e) => [e.object.name, e.outcome])).toEqual([
      ["p1", "success"],
      ["p3", "failure"],
    ]);
  });

  it("gives lines written before entries had ids a stable id of their own", async () => {
    const path = join(dir, "old.jsonl");
    const { id: _, ...old } = entry("a", "p1", "success");
    await writeFile(path, `${JSON.stringify(old)}\n${JSON.stringify({ ...old, requestId: "r2" })}\n`);
    const [first, second] = await new AuditLog(path).entries("a");
    expect(first?.id).toMatch(/^[0-9a-f]{24}$/);
    expect(second?.id).not.toBe(first?.id);
    expect((await new AuditLog(path).entries("a"))[0]?.id).toBe(first?.id);
  });

  it("reports a log it cannot write without failing the caller", async () => {
    const errors: unknown[] = [];
    const log = new AuditLog(join(dir, "file", "audit.jsonl"), (err) => errors.push(err));
    await writeFile(join(dir, "file"), "not a directory");
    await expect(log.append([entry("a", "p", "success")])).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it("reads an absent log as empty", async () => {
    expect(await new AuditLog(join(dir, "none.jsonl")).entries("a")).toEqual([]);
  });
});
