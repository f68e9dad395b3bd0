import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byteLoad, quantile } from "./byte-client";

describe("quantile", () => {
  it("takes the nearest rank", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(xs, 0.5)).toBe(50);
    expect(quantile(xs, 0.99)).toBe(99);
    expect(quantile(xs, 1)).toBe(100);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.99)).toBe(0);
  });
});

describe("byteLoad", () => {
  // Bytes that are not valid UTF-8, as a compressed body is: counted as sent.
  const body = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 131) % 256));
  let server: Server;
  let base: string;
  const seen = new Set<number>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.add(req.socket.remotePort ?? 0);
      res.writeHead(req.url === "/missing" ? 404 : 200, { "content-type": "application/octet-stream" });
      res.end(req.url === "/missing" ? "no" : body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("keeps every connection busy and reads each body whole", async () => {
    seen.clear();
    const r = await byteLoad(`${base}/ok`, { connections: 4, seconds: 0.3 });
    expect(r.requests).toBeGreaterThan(4);
    expect(r.failures).toBe(0);
    expect(r.bytesPerResponse).toBe(body.length);
    expect(r.perSecond).toBeGreaterThan(0);
    expect(r.p50).toBeLessThanOrEqual(r.p99);
    expect(r.p99).toBeLessThanOrEqual(r.max);
    // Keep-alive: four connections for all the requests.
    expect(seen.size).toBe(4);
  });

  it("counts responses with another status as failures", async () => {
    const r = await byteLoad(`${base}/missing`, { connections: 2, seconds: 0.2 });
    expect(r.requests).toBeGreaterThan(0);
    expect(r.failures).toBe(r.requests);
  });
});
