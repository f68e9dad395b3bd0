import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CSRF_HEADER } from "@palisade/contract";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { AuditLog } from "./audit/log";
import { ClusterRegistry } from "./clusters/registry";

// Each app's first request pays Fastify's ready(): compiling every route's schemas, seconds on a loaded 2-core machine.
describe("serving the built SPA", { timeout: 30_000 }, () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "palisade-spa-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>Palisade</title>");
    writeFileSync(join(dir, "assets", "index-Ab12.js"), "export {};");
    writeFileSync(join(dir, "favicon.svg"), "<svg/>");
    app = await buildApp({
      clusters: new ClusterRegistry([], "none"),
      audit: new AuditLog(join(dir, "audit.jsonl")),
      webRoot: dir,
    });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers client-side routes with the shell, revalidated on every load", async () => {
    for (const url of ["/", "/c/demo/policies", "/c/demo/policies/GlobalNetworkPolicy/allow.http?namespace=x"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.body).toContain("<title>Palisade</title>");
    }
  });

  it("lets browsers keep content-named build files, and revalidates the others", async () => {
    const built = await app.inject({ url: "/assets/index-Ab12.js" });
    expect(built.statusCode).toBe(200);
    expect(built.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const icon = await app.inject({ url: "/favicon.svg" });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers["cache-control"]).toBe("no-cache");
  });

  it("answers a missing build file with 404, not the shell where a script was expected", async () => {
    const res = await app.inject({ url: "/assets/index-OldRelease.js" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({ code: "NotFound" });
  });

  it("answers unknown API paths and non-GET requests with 404", async () => {
    expect((await app.inject({ url: "/api/v1/nope" })).statusCode).toBe(404);
    const post = await app.inject({ method: "POST", url: "/c/demo/policies", headers: { [CSRF_HEADER]: "1" } });
    expect(post.statusCode).toBe(404);
  });
});
