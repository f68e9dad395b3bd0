import { API_PREFIX, type ErrorBody } from "@palisade/contract";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppOptions, buildApp } from "../app";
import { AuditLog } from "../audit/log";
import { AuditTrail } from "../audit/trail";
import { type DemoHarness, startDemo } from "../testing/demo";
import { requestFor } from "../testing/routes";
import { registerAccess } from "./access";

// Each app's first request pays Fastify's ready(): compiling every route's schemas, seconds on a loaded 2-core machine.
describe("identity and the read check follow the route the router matched", { timeout: 30_000 }, () => {
  let demo: DemoHarness;
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo.close();
  });
  const app = (options: Partial<AppOptions>) =>
    buildApp({ clusters: demo.clusters, audit: new AuditLog(demo.auditPath), ...options });

  it("an encoded API prefix gets the same identity check as the plain one", async () => {
    const proxied = await app({ auth: "impersonate", trustedProxies: ["10.9.9.9"] });
    const headers = { "x-remote-user": "admin", "x-remote-group": "system:masters" };
    for (const path of ["/policies", "/clusters", "/server", "/clusters/demo/policies", "/clusters/demo/graph"]) {
      for (const prefix of [API_PREFIX, "/%61pi/v1", "/api/%761", "/%61%70%69/v1"]) {
        const res = await proxied.inject({ url: `${prefix}${path}`, headers, remoteAddress: "10.0.0.5" });
        expect([prefix, path, res.statusCode]).toEqual([prefix, path, 401]);
        expect(res.json<ErrorBody>().code).toBe("Unauthorized");
      }
    }
    const trusted = await proxied.inject({
      url: "/%61pi/v1/clusters/demo/policies",
      headers,
      remoteAddress: "10.9.9.9",
    });
    expect(trusted.statusCode).toBe(200);
  });

  it("every API route but the OpenAPI document asks the cluster first (bogus token: 401, never the data)", async () => {
    const tokenApp = await app({ auth: "token" });
    const api = tokenApp.routeTable.filter((r) => r.url.startsWith(`${API_PREFIX}/`));
    expect(api.length).toBeGreaterThan(20);
    const checked: string[] = [];
    for (const route of api) {
      if (route.config?.reads === "public") continue;
      const req = requestFor(route);
      const res = await tokenApp.inject({
        ...req,
        method: req.method as "GET",
        headers: { authorization: "Bearer totally-bogus-token", "x-palisade-csrf": "1" },
      });
      const where = `${req.method} ${route.url}`;
      expect([where, res.statusCode, res.body]).toEqual([where, 401, expect.anything()]);
      expect(res.body).not.toContain("demo");
      checked.push(where);
    }
    expect(checked).toContain(`GET ${API_PREFIX}/policies`);
    expect(checked).toContain(`GET ${API_PREFIX}/clusters`);
    expect(checked).toContain(`GET ${API_PREFIX}/server`);
    expect(checked).toContain(`GET ${API_PREFIX}/clusters/:cluster/audit`);
  });

  it("lists the server and its clusters only to a caller some cluster lets read policies", async () => {
    const proxied = await app({ auth: "impersonate", trustedProxies: ["10.9.9.9"] });
    const tokens = await app({ auth: "token" });
    const cases = [
      [proxied, { "x-remote-user": "viewer" }, 200],
      [proxied, { "x-remote-user": "stranger", "x-remote-group": "nobody" }, 403],
      [tokens, { authorization: `Bearer ${demo.sim.tokens.viewer}` }, 200],
      [tokens, { authorization: "Bearer totally-bogus-token" }, 401],
    ] as const;
    for (const [instance, headers, status] of cases) {
      for (const path of ["/clusters", "/server"]) {
        const res = await instance.inject({ url: `${API_PREFIX}${path}`, headers, remoteAddress: "10.9.9.9" });
        const who = JSON.stringify(headers);
        expect([who, path, res.statusCode]).toEqual([who, path, status]);
        expect(res.body.includes('"demo"'), `${who} ${path}`).toBe(status === 200);
      }
    }
  });

  it("refuses at start-up an API route that does not say what it reads", async () => {
    const ctx = {
      clusters: demo.clusters,
      audit: new AuditTrail(new AuditLog(demo.auditPath), () => {}),
      readOnly: false,
      auth: "token" as const,
      version: "0",
      unreadyAfterMs: 1000,
    };
    const build = (declare: boolean) => {
      const instance = Fastify();
      void instance.register(async (api) => {
        registerAccess(api, ctx, new Set());
        api.get("/clusters/:cluster/fine", async () => "checked");
        api.get("/elsewhere", declare ? { config: { reads: "any-cluster" } } : {}, async () => "x");
      });
      return instance.ready();
    };
    await expect(build(true)).resolves.toBeDefined();
    await expect(build(false)).rejects.toThrow(/GET \/elsewhere must declare config.reads/);
  });
});
