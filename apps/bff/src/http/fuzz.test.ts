import { readFile } from "node:fs/promises";
import { API_PREFIX } from "@palisade/contract";
import fc from "fast-check";
import type { FastifyInstance, RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { AuditLog } from "../audit/log";
import { type DemoHarness, startDemo } from "../testing/demo";
import { requestFor } from "../testing/routes";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Policies in the demo cluster whose names no generated input contains: seeing one means data came back. */
const SENTINELS = ["allow-sys-mgmt", "allow-vrrp", "allow-all-private-default"];

/** Path segments an attacker would try: encodings, dot segments, separators, odd Unicode. */
const segment = fc.oneof(
  {
    arbitrary: fc.constantFrom("demo", "GlobalNetworkPolicy", "NetworkPolicy", "default", "allow-icmp", "nope"),
    weight: 4,
  },
  fc.constantFrom("..", "%2e%2e", "%2F", "a%2Fb", "%00", "%", "%zz", "é", "%C3%A9", "\u{1F600}", "//", ";x", "a?b"),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

/** Percent-encodes some of a path's unreserved characters (`/%61pi/...`), as a bypass attempt would. */
const encodePath = (path: string, mask: readonly boolean[]): string =>
  [...path]
    .map((ch, i) =>
      mask[i % mask.length] === true && /[a-z0-9-]/i.test(ch)
        ? `%${ch.charCodeAt(0).toString(16).padStart(2, "0")}`
        : ch,
    )
    .join("");

const body = (valid: unknown) =>
  fc.oneof(
    fc.constant(JSON.stringify(valid)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.jsonValue().map((v) => JSON.stringify({ ...(valid as object), yaml: v, targets: v, endpoint: v })),
    fc.constant(`{"__proto__":{"polluted":true},"yaml":"x"}`),
    fc.constant(`{"constructor":{"prototype":{"polluted":true}}}`),
    fc.string({ maxLength: 40 }),
    fc.constant(undefined),
  );

describe("HTTP fuzzing over every registered route", () => {
  let demo: DemoHarness;
  let app: FastifyInstance;
  let auditPath: string;
  beforeAll(async () => {
    demo = await startDemo();
    auditPath = `${demo.auditPath}.fuzz`;
    app = await buildApp({
      clusters: demo.clusters,
      audit: new AuditLog(auditPath),
      auth: "token",
      // Limits would turn most requests into 429s; they have tests of their own.
      writesPerMinute: 100_000,
      costlyPerMinute: 100_000,
    });
  });
  afterAll(async () => {
    await app.close();
    await demo.close();
  });

  it("no 5xx, no write after a 4xx, no cluster data for unknown callers, and the server stays up", async () => {
    // The event stream never ends while the caller may read it (events.test.ts covers it); every other route is here.
    const routes: readonly RouteOptions[] = app.routeTable.filter((r) => !r.url.endsWith("/events"));
    expect(routes.length).toBeGreaterThan(25);
    // Routes by "METHOD url", so a counterexample reads as a request, not as a dump of Fastify's route object.
    const byName = new Map(routes.map((r) => [`${String(r.method)} ${r.url}`, r]));
    const identities = {
      admin: demo.sim.tokens.admin,
      viewer: demo.sim.tokens.viewer,
      bogus: "totally-bogus-token",
      none: undefined,
    } as const;
    const successes = async () =>
      (await readFile(auditPath, "utf8").catch(() => "")).split("\n").filter((l) => l.includes('"outcome":"success"'))
        .length;
    const routeNamed = (name: string): RouteOptions => {
      const route = byName.get(name);
      if (route === undefined) throw new Error(`no route ${name}`);
      return route;
    };
    const request = fc.record({
      route: fc.constantFrom(...byName.keys()),
      method: fc.option(fc.constantFrom(...METHODS), { freq: 3 }),
      params: fc.array(segment, { minLength: 4, maxLength: 4 }),
      encode: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
      who: fc.constantFrom(...(Object.keys(identities) as (keyof typeof identities)[])),
      host: fc.oneof(
        { arbitrary: fc.constantFrom("localhost:80", "127.0.0.1:7474", "[::1]:7474"), weight: 4 },
        fc.constantFrom("evil.example:7474", "127.0.0.1.nip.io", "localhost.", ""),
      ),
      origin: fc.constantFrom(undefined, "http://localhost:80", "http://evil.example", "https://localhost:80", "null"),
      csrf: fc.boolean(),
      fetchSite: fc.constantFrom(undefined, "same-origin", "cross-site", "none"),
      contentType: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", undefined),
      query: fc.dictionary(fc.constantFrom("selector", "limit", "namespace", "kind", "type"), fc.string(), {
        maxKeys: 3,
      }),
      body: fc.constant(null),
    });
    await fc.assert(
      fc.asyncProperty(
        request.chain((r) => body(requestFor(routeNamed(r.route)).payload ?? {}).map((b) => ({ ...r, body: b }))),
        async (r) => {
          let i = 0;
          const route = routeNamed(r.route);
          const template = requestFor(route);
          const path = route.url.replace(/:[a-z]+/gi, () => r.params[i++] ?? "x");
          const query = new URLSearchParams(r.query).toString();
          const url = `${encodePath(path, r.encode)}${query === "" ? "" : `?${query}`}`;
          const method = r.method ?? template.method;
          const token = identities[r.who];
          const headers: Record<string, string> = { host: r.host };
          if (token !== undefined) headers.authorization = `Bearer ${token}`;
          if (r.origin !== undefined) headers.origin = r.origin;
          if (r.csrf) headers["x-palisade-csrf"] = "1";
          if (r.fetchSite !== undefined) headers["sec-fetch-site"] = r.fetchSite;
          if (r.contentType !== undefined && r.body !== undefined) headers["content-type"] = r.contentType;
          const generation = demo.cluster.generation;
          const written = await successes();
          const res = await app.inject({
            method: method as "GET",
            url,
            headers,
            ...(r.body === undefined || method === "GET" || method === "HEAD" ? {} : { payload: r.body }),
          });
          const where = `${method} ${url} as ${r.who} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
          expect(res.statusCode, where).toBeLessThan(500);
          if (res.statusCode >= 400) {
            // A write would reach the cache through the watch within milliseconds.
            await demo.cluster.settle(() => demo.cluster.generation !== generation, 25);
            expect(demo.cluster.generation, where).toBe(generation);
            expect(await successes(), where).toBe(written);
          }
          if (r.who === "bogus" || r.who === "none") {
            for (const name of SENTINELS) expect(res.body, where).not.toContain(name);
            const apiData =
              res.statusCode < 300 && path.startsWith(`${API_PREFIX}/`) && route.config?.reads !== "public";
            expect(apiData, where).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);
    const policies = await app.inject({
      url: "/api/v1/clusters/demo/policies",
      headers: { authorization: `Bearer ${demo.sim.tokens.viewer}` },
    });
    expect(policies.statusCode).toBe(200);
  }, 180_000);
});
