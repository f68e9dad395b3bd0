import { Writable } from "node:stream";
import type { ErrorBody } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppOptions, buildApp } from "../app";
import { AuditLog } from "../audit/log";
import { type DemoHarness, startDemo } from "../testing/demo";
import { allowedHostNames } from "./hosts";

const YAML = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: x }
spec: { selector: all(), types: [Ingress] }
`;

describe("browser-facing hardening", () => {
  let demo: DemoHarness;
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo.close();
  });
  const app = (options: Partial<AppOptions> = {}) =>
    buildApp({ clusters: demo.clusters, audit: new AuditLog(demo.auditPath), ...options });

  it("rejects state-changing requests without the CSRF header or from another origin", async () => {
    const url = "/api/v1/clusters/demo/validate";
    const payload = { yaml: YAML };
    const none = await demo.app.inject({ method: "POST", url, payload });
    expect(none.json<ErrorBody>()).toMatchObject({ statusCode: 403, code: "CsrfRejected" });
    const crossOrigin = await demo.app.inject({
      method: "POST",
      url,
      payload,
      headers: { "x-palisade-csrf": "1", origin: "https://evil.example", host: "127.0.0.1:7474" },
    });
    expect(crossOrigin.json<ErrorBody>()).toMatchObject({ statusCode: 403, code: "CsrfRejected" });
    const crossSite = await demo.app.inject({
      method: "POST",
      url,
      payload,
      headers: { "x-palisade-csrf": "1", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.statusCode).toBe(403);
    const sameOrigin = await demo.app.inject({
      method: "POST",
      url,
      payload,
      headers: {
        "x-palisade-csrf": "1",
        origin: "http://127.0.0.1:7474",
        host: "127.0.0.1:7474",
        "sec-fetch-site": "same-origin",
      },
    });
    expect(sameOrigin.statusCode).toBe(200);
  });

  it("in read-only mode refuses every write route but still validates and reads", async () => {
    const ro = await app({ readOnly: true });
    const headers = { "x-palisade-csrf": "1" };
    for (const path of ["apply", "delete"]) {
      const payload =
        path === "apply" ? { yaml: YAML } : { targets: [{ ref: { kind: "GlobalNetworkPolicy", name: "allow-icmp" } }] };
      const res = await ro.inject({ method: "POST", url: `/api/v1/clusters/demo/${path}`, headers, payload });
      expect(res.json<ErrorBody>()).toMatchObject({ statusCode: 403, code: "ReadOnly" });
    }
    expect(
      (await ro.inject({ method: "POST", url: "/api/v1/clusters/demo/validate", headers, payload: { yaml: YAML } }))
        .statusCode,
    ).toBe(200);
    expect((await ro.inject({ url: "/api/v1/server" })).json()).toMatchObject({ readOnly: true });
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "allow-icmp")).toBeDefined();
  });

  it("rate-limits writes per client, saying when to retry", async () => {
    const limited = await app({ writesPerMinute: 2 });
    const send = (path = "apply") =>
      limited.inject({
        method: "POST",
        url: `/api/v1/clusters/demo/${path}`,
        headers: { "x-palisade-csrf": "1" },
        payload: path === "apply" ? { yaml: "kind: [" } : { targets: [{ ref: { kind: "Tier", name: "nope" } }] },
      });
    expect((await send()).statusCode).toBe(400);
    expect((await send("delete")).statusCode).toBe(404);
    const refused = await send();
    expect(refused.json<ErrorBody>()).toMatchObject({ statusCode: 429, code: "RateLimited" });
    expect(refused.json<ErrorBody>().message).toMatch(/at most 2 per minute; try again in/);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("rate-limits validations, diffs, dry runs and explains per identity", async () => {
    const limited = await app({ auth: "token", costlyPerMinute: 3 });
    const send = (path: string, token: string) =>
      limited.inject({
        method: "POST",
        url: `/api/v1/clusters/demo/${path}`,
        headers: { "x-palisade-csrf": "1", authorization: `Bearer ${token}` },
        payload:
          path === "explain" ? { endpoint: "x", direction: "Ingress", peer: {}, protocol: "TCP" } : { yaml: YAML },
      });
    for (const path of ["validate", "diff", "dry-run"])
      expect((await send(path, demo.sim.tokens.admin)).statusCode).toBe(200);
    const refused = await send("explain", demo.sim.tokens.admin);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    // Another person is not slowed down by the first one's budget.
    expect((await send("validate", demo.sim.tokens.viewer)).statusCode).toBe(200);
  });

  it("accepts only the host names it is reached by (DNS rebinding)", async () => {
    const send = (instance: Awaited<ReturnType<typeof app>>, host: string, write = false) =>
      instance.inject({
        method: write ? "POST" : "GET",
        url: write ? "/api/v1/clusters/demo/validate" : "/api/v1/policies",
        headers: { host, ...(write ? { "x-palisade-csrf": "1", origin: `http://${host}` } : {}) },
        ...(write ? { payload: { yaml: YAML } } : {}),
      });
    const local = await app();
    for (const host of [
      "evil.example:7691",
      "evil.example",
      "127.0.0.1.evil.example",
      "localhost.:7474",
      "[::2]:7474",
    ]) {
      const res = await send(local, host, true);
      expect([host, res.json<ErrorBody>().code]).toEqual([host, "HostRejected"]);
      expect((await send(local, host)).statusCode).toBe(403);
    }
    for (const host of ["127.0.0.1:7474", "localhost:7474", "LOCALHOST", "[::1]:7474"]) {
      expect([host, (await send(local, host, true)).statusCode]).toEqual([host, 200]);
    }
    const named = await app({ allowedHosts: allowedHostNames("10.1.2.3", ["palisade.example.com"]) });
    expect((await send(named, "palisade.example.com", true)).statusCode).toBe(200);
    expect((await send(named, "10.1.2.3:8080")).statusCode).toBe(200);
    expect((await send(named, "other.example.com")).statusCode).toBe(403);
    const any = await app({ allowedHosts: ["*"] });
    expect((await send(any, "whatever.example")).statusCode).toBe(200);
  }, 30_000);

  it("compares the Origin's scheme as well as its host", async () => {
    const send = (origin: string, extra: Record<string, string> = {}, remoteAddress = "127.0.0.1") =>
      instance.inject({
        method: "POST",
        url: "/api/v1/clusters/demo/validate",
        headers: { host: "127.0.0.1:7474", "x-palisade-csrf": "1", origin, ...extra },
        payload: { yaml: YAML },
        remoteAddress,
      });
    const instance = await app({ trustedProxies: ["10.0.0.9"] });
    expect((await send("http://127.0.0.1:7474")).statusCode).toBe(200);
    expect((await send("https://127.0.0.1:7474")).json<ErrorBody>().code).toBe("CsrfRejected");
    expect((await send("ftp://127.0.0.1:7474")).statusCode).toBe(403);
    expect((await send("http://127.0.0.1:7475")).statusCode).toBe(403);
    // TLS ends at a trusted proxy: its X-Forwarded-Proto is the browser's scheme; anyone else's is ignored.
    expect((await send("https://127.0.0.1:7474", { "x-forwarded-proto": "https" }, "10.0.0.9")).statusCode).toBe(200);
    expect((await send("https://127.0.0.1:7474", { "x-forwarded-proto": "https" }, "10.0.0.5")).statusCode).toBe(403);
  });

  it("takes JSON bodies only, refuses prototype keys by name, and never coerces types", async () => {
    const send = (payload: string, contentType = "application/json") =>
      demo.app.inject({
        method: "POST",
        url: "/api/v1/clusters/demo/validate",
        headers: { "x-palisade-csrf": "1", "content-type": contentType },
        payload,
      });
    const text = await send(YAML, "text/plain");
    expect(text.json<ErrorBody>()).toMatchObject({ statusCode: 415, code: "UnsupportedMediaType" });
    for (const body of [
      `{"yaml":"x","__proto__":{"polluted":1}}`,
      `{"yaml":"x","\u005f_proto__":{"polluted":1}}`,
      `{"yaml":"x","constructor":{"prototype":{"polluted":1}}}`,
    ]) {
      const res = await send(body);
      expect(res.json<ErrorBody>()).toMatchObject({ statusCode: 400, code: "BadRequest" });
      expect(res.json<ErrorBody>().message).toMatch(/"(__proto__|constructor\.prototype)" key/);
    }
    const broken = await send(`{"yaml": `);
    expect(broken.json<ErrorBody>().message).toMatch(/^the body is not valid JSON: /);
    const number = await send(`{"yaml": 123}`);
    expect(number.json<ErrorBody>()).toMatchObject({
      statusCode: 400,
      code: "BadRequest",
      details: [{ path: "body.yaml", message: expect.stringMatching(/string/) }],
    });
  });

  it("answers 503 with Retry-After while the event loop lags, but still answers the probes", async () => {
    const pressured = await app({ maxEventLoopDelayMs: 20 });
    let res = await pressured.inject({ url: "/api/v1/clusters" });
    for (let i = 0; i < 40 && res.statusCode !== 503; i++) {
      const until = Date.now() + 200;
      while (Date.now() < until) {
        // Blocks the event loop, as a long synchronous computation would.
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      res = await pressured.inject({ url: "/api/v1/clusters" });
    }
    expect(res.json<ErrorBody>()).toMatchObject({ statusCode: 503, code: "Overloaded" });
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect((await pressured.inject({ url: "/healthz" })).statusCode).toBe(200);
    await pressured.close();
  }, 30_000);

  it("answers an internal error with the request id, and logs the message under it, not to the client", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const instance = await app({ logger: { level: "error", stream } });
    instance.get("/boom", async () => {
      throw new Error("secret internals at /etc/palisade/key");
    });
    const res = await instance.inject({ url: "/boom" });
    const body = res.json<ErrorBody>();
    expect(body).toMatchObject({ statusCode: 500, code: "Internal" });
    expect(res.body).not.toContain("secret internals");
    const id = /request id (\S+)$/.exec(body.message)?.[1];
    expect(id).toBeDefined();
    const logged = lines.map((l) => JSON.parse(l) as { reqId?: string; err?: { message?: string } });
    expect(logged.find((l) => l.reqId === id)?.err?.message).toBe("secret internals at /etc/palisade/key");
  });

  it("sends security headers with a CSP that lets Monaco's workers run", async () => {
    const res = await demo.app.inject({ url: "/api/v1/clusters" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("ignores identity headers from addresses that are not trusted proxies", async () => {
    const proxied = await app({ auth: "impersonate", trustedProxies: ["10.0.0.9"] });
    const headers = { "x-remote-user": "admin", "x-remote-group": "system:masters" };
    const spoofed = await proxied.inject({ url: "/api/v1/clusters", headers, remoteAddress: "10.0.0.5" });
    expect(spoofed.json<ErrorBody>()).toMatchObject({ statusCode: 401, code: "Unauthorized" });
    const trusted = await proxied.inject({ url: "/api/v1/clusters", headers, remoteAddress: "10.0.0.9" });
    expect(trusted.statusCode).toBe(200);
    const anonymous = await proxied.inject({ url: "/api/v1/clusters", remoteAddress: "10.0.0.9" });
    expect(anonymous.statusCode).toBe(401);
  });

  it("reads the user from the configured header only (OpenShift's oauth-proxy: X-Forwarded-User)", async () => {
    const proxied = await app({ auth: "impersonate", trustedProxies: ["127.0.0.1"], userHeader: "X-Forwarded-User" });
    const viaOauthProxy = await proxied.inject({
      url: "/api/v1/clusters",
      // A user the cluster lets read policies: /clusters asks it.
      headers: { "x-forwarded-user": "viewer" },
      remoteAddress: "127.0.0.1",
    });
    expect(viaOauthProxy.statusCode).toBe(200);
    const otherHeader = await proxied.inject({
      url: "/api/v1/clusters",
      headers: { "x-remote-user": "viewer" },
      remoteAddress: "127.0.0.1",
    });
    expect(otherHeader.statusCode).toBe(401);
  });

  it("never writes bearer tokens to the log or sends cluster credentials to the browser", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await app({ auth: "token", logger: { level: "trace", stream } });
    const token = demo.sim.tokens.viewer;
    const res = await logged.inject({ url: "/api/v1/clusters", headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("")).not.toContain(token);
    const kubeconfigToken = demo.cluster.kubeConfig.getCurrentUser()?.token ?? "";
    expect(kubeconfigToken).not.toBe("");
    expect(res.body).not.toContain(kubeconfigToken);
  });
});
