import { Writable } from "node:stream";
import type { ErrorBody } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppOptions, buildApp } from "../app";
import { AuditLog } from "../audit/log";
import { type DemoHarness, startDemo } from "../testing/demo";

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

  it("rate-limits writes per client", async () => {
    const limited = await app({ writesPerMinute: 2 });
    const send = () =>
      limited.inject({
        method: "POST",
        url: "/api/v1/clusters/demo/apply",
        headers: { "x-palisade-csrf": "1" },
        payload: { yaml: "kind: [" },
      });
    expect((await send()).statusCode).toBe(400);
    expect((await send()).statusCode).toBe(400);
    expect((await send()).json<ErrorBody>()).toMatchObject({ statusCode: 429, code: "RateLimited" });
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

  it("never writes bearer tokens to the log or sends cluster credentials to the browser", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await app({ auth: "token", logger: { level: "trace", stream } });
    const res = await logged.inject({ url: "/api/v1/clusters", headers: { authorization: "Bearer sekret-token-123" } });
    expect(res.statusCode).toBe(200);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("")).not.toContain("sekret-token-123");
    const kubeconfigToken = demo.cluster.kubeConfig.getCurrentUser()?.token ?? "";
    expect(kubeconfigToken).not.toBe("");
    expect(res.body).not.toContain(kubeconfigToken);
  });
});
