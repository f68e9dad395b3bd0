import { readFile } from "node:fs/promises";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { API_PREFIX } from "@palisade/contract";
import fc from "fast-check";
import type { FastifyInstance, RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppOptions, buildApp } from "../app";
import { AuditLog } from "../audit/log";
import { type DemoHarness, startDemo } from "../testing/demo";
import { publicPortPolicy } from "../testing/fixtures";
import { PARAMETER_VALUES, requestFor } from "../testing/routes";

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

/** A body the route would act on: its schema's defaults, with a real policy or a real delete target. */
const validBody = (template: Record<string, unknown>) =>
  fc.nat({ max: 999 }).map((n) =>
    JSON.stringify({
      ...template,
      ...("yaml" in template ? { yaml: publicPortPolicy(`fuzz-${n}`) } : {}),
      ...("targets" in template ? { targets: [{ ref: { kind: "GlobalNetworkPolicy", name: `fuzz-${n}` } }] } : {}),
    }),
  );

const body = (valid: Record<string, unknown>) =>
  fc.oneof(
    { arbitrary: validBody(valid), weight: 3 },
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.jsonValue().map((v) => JSON.stringify({ ...valid, yaml: v, targets: v, endpoint: v })),
    fc.constant(`{"__proto__":{"polluted":true},"yaml":"x"}`),
    fc.constant(`{"constructor":{"prototype":{"polluted":true}}}`),
    fc.string({ maxLength: 40 }),
    fc.constant(undefined),
  );

/** Who sends a request: its identity headers and the address it comes from. */
interface Caller {
  readonly headers: Readonly<Record<string, string>>;
  /** Where the connection comes from: the trusted proxy unless said otherwise. */
  readonly trusted?: boolean;
}

/** One way Palisade is run, the callers that make sense in it, and which of them may read and write. */
interface Mode {
  readonly options: Partial<AppOptions>;
  readonly callers: Readonly<Record<string, Caller>>;
  readonly readers: readonly string[];
  readonly writers: readonly string[];
}

const PROXY = "10.9.9.9";
const WELL_FORMED = {
  host: "127.0.0.1:7474",
  origin: undefined,
  csrf: true,
  fetchSite: "same-origin",
  contentType: "application/json",
} as const;
/** Host headers of a page on a hostile name (DNS rebinding): never answered with data. */
const FOREIGN_HOSTS = ["evil.example:7474", "127.0.0.1.nip.io"];

function modes(tokens: { admin: string; viewer: string }): Record<string, Mode> {
  const local = { callers: { local: { headers: {} } }, readers: ["local"] };
  const proxied = (user: string, groups?: string) => ({
    headers: { "x-remote-user": user, ...(groups === undefined ? {} : { "x-remote-group": groups }) },
  });
  return {
    server: { ...local, options: {}, writers: ["local"] },
    "read-only": { ...local, options: { readOnly: true }, writers: [] },
    impersonate: {
      // Streams are fuzzed over a real socket from 127.0.0.1 (trusted) or 127.0.0.2 (not).
      options: { auth: "impersonate", trustedProxies: [PROXY, "127.0.0.1"] },
      callers: {
        admin: proxied("admin", "system:masters"),
        viewer: proxied("viewer"),
        stranger: proxied("stranger", "nobody"),
        spoofer: { ...proxied("admin", "system:masters"), trusted: false },
        none: { headers: {} },
      },
      readers: ["admin", "viewer"],
      writers: ["admin"],
    },
    token: {
      options: { auth: "token" },
      callers: {
        admin: { headers: { authorization: `Bearer ${tokens.admin}` } },
        viewer: { headers: { authorization: `Bearer ${tokens.viewer}` } },
        bogus: { headers: { authorization: "Bearer totally-bogus-token" } },
        none: { headers: {} },
      },
      readers: ["admin", "viewer"],
      writers: ["admin"],
    },
  };
}

/** A route that answers with a Server-Sent Events stream (the cluster's events, live flows). */
function isStream(route: RouteOptions): boolean {
  const produces = (route.schema as { produces?: readonly string[] } | undefined)?.produces;
  return produces?.includes("text/event-stream") === true;
}

/**
 * An event stream over a real socket (it never ends, so `inject` would wait forever): the status and what arrived
 * before the first event, or within a second, then the connection is dropped.
 */
function stream(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  trusted: boolean,
): Promise<{ statusCode: number; body: string }> {
  return new Promise((resolve, reject) => {
    // The server must answer (headers at least) at once; a request it leaves hanging fails here.
    const silent = setTimeout(() => {
      req.destroy();
      reject(new Error(`${method} ${path}: no answer within 10 s`));
    }, 10_000);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        // What a browser sends for characters outside printable ASCII; Node refuses them raw.
        path: path.replace(/[^\x21-\x7e]/gu, encodeURIComponent),
        headers,
        localAddress: trusted ? "127.0.0.1" : "127.0.0.2",
      },
      (res) => {
        clearTimeout(silent);
        let body = "";
        const done = () => {
          clearTimeout(timer);
          req.destroy();
          resolve({ statusCode: res.statusCode ?? 0, body });
        };
        const timer = setTimeout(done, 1000);
        res.on("data", (chunk: Buffer) => {
          body += chunk.toString("utf8");
          if (body.includes("\n\n")) done();
        });
        res.on("end", done);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("HTTP fuzzing over every registered route, in every identity mode", () => {
  let demo: DemoHarness;
  let auditPath: string;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    demo = await startDemo();
    auditPath = `${demo.auditPath}.fuzz`;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await demo.close();
  });

  const successes = async () =>
    (await readFile(auditPath, "utf8").catch(() => "")).split("\n").filter((l) => l.includes('"outcome":"success"'))
      .length;

  it.each(["server", "read-only", "impersonate", "token"])(
    "%s mode: no 5xx, no write after a 4xx or by a caller who may not write, no data for a caller who may not read, and the server stays up",
    async (name) => {
      const mode = modes(demo.sim.tokens)[name] as Mode;
      const app = await buildApp({
        clusters: demo.clusters,
        audit: new AuditLog(auditPath),
        // Limits would turn most requests into 429s; they have tests of their own.
        writesPerMinute: 100_000,
        costlyPerMinute: 100_000,
        ...mode.options,
      });
      apps.push(app);
      await app.listen({ host: "127.0.0.1", port: 0 });
      const port = (app.server.address() as AddressInfo).port;
      const routes: readonly RouteOptions[] = app.routeTable;
      expect(routes.filter(isStream).map((r) => r.url.split("/").at(-1))).toEqual(
        expect.arrayContaining(["events", "stream"]),
      );
      expect(routes.length).toBeGreaterThan(25);
      // Routes by "METHOD url", so a counterexample reads as a request, not as a dump of Fastify's route object.
      const byName = new Map(routes.map((r) => [`${String(r.method)} ${r.url}`, r]));
      const routeNamed = (route: string): RouteOptions => {
        const found = byName.get(route);
        if (found === undefined) throw new Error(`no route ${route}`);
        return found;
      };
      const request = fc.record({
        // The streams are a few routes of many; weighted so a few dozen of each run's requests reach them.
        route: fc.oneof(
          { arbitrary: fc.constantFrom(...byName.keys()), weight: 6 },
          { arbitrary: fc.constantFrom(...[...byName].filter(([, r]) => isStream(r)).map(([k]) => k)), weight: 2 },
          {
            arbitrary: fc.constantFrom(...[...byName].filter(([, r]) => r.config?.write === true).map(([k]) => k)),
            weight: 2,
          },
        ),
        // A request the UI would send (method, allowed Host, CSRF header, JSON, a body the route acts on) but for
        // the path's encoding and the caller; else the generated method, headers and body.
        wellFormed: fc.boolean(),
        method: fc.option(fc.constantFrom(...METHODS), { freq: 3 }),
        // null: the value the route answers for (otherwise a request rarely gets past the 404).
        params: fc.array(fc.option(segment, { freq: 2 }), { minLength: 4, maxLength: 4 }),
        encode: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        who: fc.constantFrom(...Object.keys(mode.callers)),
        host: fc.oneof(
          { arbitrary: fc.constantFrom("localhost:80", "127.0.0.1:7474", "[::1]:7474"), weight: 4 },
          fc.constantFrom(...FOREIGN_HOSTS, "localhost.", ""),
        ),
        origin: fc.constantFrom(
          undefined,
          "http://localhost:80",
          "http://evil.example",
          "https://localhost:80",
          "null",
        ),
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
          request.chain((r) => {
            const template = requestFor(routeNamed(r.route)).payload ?? {};
            return (r.wellFormed ? validBody(template) : body(template)).map((b) => ({ ...r, body: b }));
          }),
          async (r) => {
            let i = 0;
            const route = routeNamed(r.route);
            const template = requestFor(route);
            const path = route.url.replace(
              /:([a-z]+)/gi,
              (_, param: string) => r.params[i++] ?? PARAMETER_VALUES[param] ?? "x",
            );
            const query = new URLSearchParams(r.query).toString();
            const url = `${encodePath(path, r.encode)}${query === "" ? "" : `?${query}`}`;
            const method = r.wellFormed ? template.method : (r.method ?? template.method);
            const caller = mode.callers[r.who] as Caller;
            const h = r.wellFormed ? { ...r, ...WELL_FORMED } : r;
            const headers: Record<string, string> = { host: h.host, ...caller.headers };
            if (h.origin !== undefined) headers.origin = h.origin;
            if (h.csrf) headers["x-palisade-csrf"] = "1";
            if (h.fetchSite !== undefined) headers["sec-fetch-site"] = h.fetchSite;
            if (h.contentType !== undefined && r.body !== undefined) headers["content-type"] = h.contentType;
            const generation = demo.cluster.generation;
            const written = await successes();
            const res = isStream(route)
              ? await stream(port, method, url, headers, caller.trusted !== false)
              : await app.inject({
                  method: method as "GET",
                  url,
                  headers,
                  remoteAddress: caller.trusted === false ? "10.0.0.5" : PROXY,
                  ...(r.body === undefined || method === "GET" || method === "HEAD" ? {} : { payload: r.body }),
                });
            const where = `${method} ${url} as ${r.who} (Host ${h.host}) -> ${res.statusCode} ${res.body.slice(0, 200)}`;
            expect(res.statusCode, where).toBeLessThan(500);
            if (res.statusCode >= 400 || !mode.writers.includes(r.who)) {
              // A write would reach the cache through the watch within milliseconds.
              await demo.cluster.settle(() => demo.cluster.generation !== generation, 25);
              expect(demo.cluster.generation, where).toBe(generation);
              expect(await successes(), where).toBe(written);
            }
            if (!mode.readers.includes(r.who) || FOREIGN_HOSTS.includes(h.host)) {
              for (const sentinel of SENTINELS) expect(res.body, where).not.toContain(sentinel);
              const apiData =
                res.statusCode < 300 && path.startsWith(`${API_PREFIX}/`) && route.config?.reads !== "public";
              expect(apiData, where).toBe(false);
            }
          },
        ),
        { numRuns: 150 },
      );
      expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);
      const reader = mode.callers[mode.readers[0] ?? ""] as Caller;
      const policies = await app.inject({
        url: "/api/v1/clusters/demo/policies",
        headers: reader.headers,
        remoteAddress: PROXY,
      });
      expect(policies.statusCode).toBe(200);
    },
    240_000,
  );
});
