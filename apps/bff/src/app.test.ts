import { Writable } from "node:stream";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { AuditLog } from "./audit/log";
import { Cluster } from "./clusters/cluster";
import { ClusterRegistry } from "./clusters/registry";
import { type DemoHarness, startDemo } from "./testing/demo";

describe("the BFF on the embedded demo cluster", () => {
  let demo: DemoHarness;
  beforeAll(async () => {
    demo = await startDemo({}, { storage: "v3" });
  });
  afterAll(async () => {
    await demo.close();
  });

  it("GET /api/v1/policies returns IBM's default policies in evaluation order, over verified TLS", async () => {
    const res = await demo.app.inject({ method: "GET", url: "/api/v1/policies" });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: { name: string; order: number | null }[] }>();
    expect(body.items.map((p) => [p.name, p.order])).toEqual([
      ["cluster-dns", 5],
      ["access-nginx", 1000],
      ["allow-node-port-dnat", 1500],
      ["allow-vrrp", 1600],
      ["allow-icmp", 1700],
      ["allow-all-outbound", 1900],
      ["allow-bigfix-port", 1900],
      ["allow-sys-mgmt", 1950],
      ["allow-all-private-default", 3000],
      // The demo's Calico v3.32.0 enforces ClusterNetworkPolicy only: the AdminNetworkPolicy and the
      // BaselineAdminNetworkPolicy are listed after every tier it evaluates (docs/calico-semantics.md §8).
      ["shop-guard", 10],
      ["default", 1000],
    ]);
    expect(demo.cluster.kubeConfig.getCurrentCluster()?.skipTLSVerify).not.toBe(true);
  });

  it("lists the cluster with its storage mode and synced caches", async () => {
    const res = await demo.app.inject({ url: "/api/v1/clusters" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.default).toBe("demo");
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ name: "demo", source: "demo", status: "ready", default: true });
    expect(body.items[0].server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const caches = body.items[0].caches as { resource: string; synced: boolean; count: number }[];
    expect(caches.find((c) => c.resource === "HostEndpoint")).toEqual({
      resource: "HostEndpoint",
      synced: true,
      count: 8,
    });
    expect(JSON.stringify(body)).not.toMatch(/token|certificate-authority/i);
  });

  it("answers an unknown cluster with 404 ClusterNotFound naming the known ones", async () => {
    const res = await demo.app.inject({ url: "/api/v1/clusters/nope/permissions" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      statusCode: 404,
      code: "ClusterNotFound",
      message: 'no cluster "nope"; known clusters: demo',
    });
  });

  it("serves liveness, readiness and the OpenAPI document", async () => {
    expect((await demo.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    const ready = await demo.app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ready", unsynced: [] });
    const doc = (await demo.app.inject({ url: "/api/v1/openapi.json" })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain("/api/v1/clusters/{cluster}/permissions");
  });

  it("logs one short line per request: method, URL, status, time and request id", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await buildApp({
      clusters: demo.clusters,
      audit: new AuditLog(demo.auditPath),
      logger: { level: "info", base: null, stream },
    });
    await logged.inject({ url: "/api/v1/clusters/demo/hostendpoints", remoteAddress: "10.1.2.3" });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? "");
    expect(Object.keys(line).sort()).toEqual(["level", "method", "ms", "reqId", "status", "time", "url"]);
    expect(line).toMatchObject({ method: "GET", url: "/api/v1/clusters/demo/hostendpoints", status: 200 });
    expect(lines[0]?.length).toBeLessThan(160);
  });

  it("unknown API paths get the shared error body", async () => {
    const res = await demo.app.inject({ url: "/api/v1/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, code: "NotFound" });
  });
});

describe("a cluster that cannot be reached", () => {
  it("is reported with its reason by the API and /readyz, and the server keeps serving", async () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: "gone", server: "https://127.0.0.1:1", skipTLSVerify: false }],
      users: [{ name: "u", token: "t" }],
      contexts: [{ name: "gone", cluster: "gone", user: "u" }],
      currentContext: "gone",
    });
    const cluster = new Cluster({ name: "gone", source: "kubeconfig", kubeConfig: kc, isDefault: true });
    const registry = new ClusterRegistry([cluster], "gone");
    registry.start();
    await expect(cluster.whenReady()).rejects.toThrow(/cannot use cluster gone: cannot reach https:\/\/127\.0\.0\.1:1/);
    const app = await buildApp({ clusters: registry, audit: new AuditLog("/nonexistent/audit.jsonl") });
    const res = await app.inject({ url: "/api/v1/policies" });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ code: "ClusterUnavailable", message: expect.stringMatching(/ECONNREFUSED/) });
    expect((await app.inject({ url: "/readyz" })).statusCode).toBe(503);
    await registry.close();
  });
});

describe("readiness through an outage of the only cluster", () => {
  it("is degraded (still serving the cache) in /readyz and the metrics, then fails after --unready-after", async () => {
    const demo = await startDemo({ unreadyAfterMs: 1500 });
    try {
      const metric = async (name: string) =>
        new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, "m").exec(
          (await demo.app.inject({ url: "/metrics" })).body,
        )?.[1];
      expect(await metric("palisade_cluster_reachable")).toBe("1");
      await demo.sim.close();
      await demo.cluster.settle(() => demo.cluster.unreachableSince !== undefined, 10_000);
      const degraded = await demo.app.inject({ url: "/readyz" });
      expect(degraded.statusCode).toBe(200);
      expect(degraded.json()).toMatchObject({
        status: "degraded",
        unreachable: [{ cluster: "demo", status: "reconnecting", since: expect.any(String) }],
      });
      expect(await metric("palisade_degraded")).toBe("1");
      expect(await metric("palisade_cluster_reachable")).toBe("0");
      expect((await demo.app.inject({ url: "/api/v1/policies" })).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const failed = await demo.app.inject({ url: "/readyz" });
      expect(failed.statusCode).toBe(503);
      expect(failed.json()).toMatchObject({ status: "not-ready" });
      expect(await metric("palisade_ready")).toBe("0");
      expect(Number(await metric("palisade_cluster_unreachable_seconds"))).toBeGreaterThanOrEqual(1);
    } finally {
      await demo.close();
    }
  }, 30_000);
});
