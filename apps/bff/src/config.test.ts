import { describe, expect, it } from "vitest";
import { ConfigError, parseServeConfig } from "./config";

const ENV = { HOME: "/home/u" };

describe("parseServeConfig", () => {
  it("binds loopback on 7474 with the server's credentials and writes allowed by default", () => {
    expect(parseServeConfig([], ENV)).toEqual({
      host: "127.0.0.1",
      port: 7474,
      kubeconfig: undefined,
      readOnly: false,
      auditStore: "file",
      auditLog: "/home/u/.local/state/palisade/audit.jsonl",
      auditKeep: 1000,
      auditMaxAgeDays: 90,
      auth: "server",
      trustedProxies: [],
      userHeader: "X-Remote-User",
      writesPerMinute: 60,
      costlyPerMinute: 300,
      allowedHosts: [],
      maxEventLoopDelayMs: 1000,
      unreadyAfterSeconds: 300,
      flows: { capacity: 100_000, goldmane: {} },
    });
  });

  it("takes extra host names, the costly-request limit, the overload and readiness limits", () => {
    const env = { ...ENV, PALISADE_ALLOWED_HOSTS: "a.example, b.example", PALISADE_UNREADY_AFTER: "60" };
    expect(parseServeConfig([], env)).toMatchObject({
      allowedHosts: ["a.example", "b.example"],
      unreadyAfterSeconds: 60,
    });
    const flags = ["--allowed-host", "c.example", "--allowed-host", "d.example", "--costly-per-minute", "10"];
    expect(parseServeConfig([...flags, "--max-event-loop-delay", "0", "--unready-after", "5"], env)).toMatchObject({
      allowedHosts: ["c.example", "d.example"],
      costlyPerMinute: 10,
      maxEventLoopDelayMs: 0,
      unreadyAfterSeconds: 5,
    });
    expect(() => parseServeConfig(["--unready-after", "0"], ENV)).toThrow(/--unready-after must be an integer/);
  });

  it("keeps the history in the cluster when told, with its retention, and names a bad choice", () => {
    const env = { ...ENV, PALISADE_AUDIT_STORE: "cluster", PALISADE_AUDIT_KEEP: "50" };
    expect(parseServeConfig(["--audit-max-age-days", "7"], env)).toMatchObject({
      auditStore: "cluster",
      auditKeep: 50,
      auditMaxAgeDays: 7,
    });
    expect(() => parseServeConfig(["--audit-store", "etcd"], ENV)).toThrow(
      /--audit-store must be one of file, cluster \(got "etcd"\)/,
    );
    expect(() => parseServeConfig(["--audit-keep", "0"], ENV)).toThrow(/--audit-keep must be an integer/);
  });

  it("takes the proxy's user header, refusing what is not a header name", () => {
    expect(parseServeConfig([], { ...ENV, PALISADE_USER_HEADER: "X-Forwarded-User" }).userHeader).toBe(
      "X-Forwarded-User",
    );
    expect(() => parseServeConfig(["--user-header", "x user"], ENV)).toThrow(/--user-header must be an HTTP header/);
  });

  it("takes flags over environment", () => {
    const env = {
      ...ENV,
      PALISADE_HOST: "0.0.0.0",
      PALISADE_PORT: "9000",
      KUBECONFIG: "/env/kc",
      PALISADE_READ_ONLY: "true",
      PALISADE_AUTH: "impersonate",
      PALISADE_TRUSTED_PROXIES: "10.0.0.1, 10.0.0.2",
    };
    const config = parseServeConfig(["--port", "8080", "--kubeconfig", "/flag/kc", "--audit-log", "/var/a.jsonl"], env);
    expect(config).toMatchObject({
      host: "0.0.0.0",
      port: 8080,
      kubeconfig: "/flag/kc",
      readOnly: true,
      auditLog: "/var/a.jsonl",
      auth: "impersonate",
      trustedProxies: ["10.0.0.1", "10.0.0.2"],
    });
  });

  it("rejects a bad port, unknown flags, unknown auth modes and impersonation without trusted proxies", () => {
    expect(() => parseServeConfig(["--port", "http"], ENV)).toThrow(/--port must be an integer/);
    expect(() => parseServeConfig(["--port", "70000"], ENV)).toThrow(ConfigError);
    expect(() => parseServeConfig(["--bogus"], ENV)).toThrow(/bogus/);
    expect(() => parseServeConfig(["--auth", "magic"], ENV)).toThrow(/--auth must be one of/);
    expect(() => parseServeConfig(["--auth", "impersonate"], ENV)).toThrow(/--trusted-proxy/);
    expect(parseServeConfig(["--auth", "impersonate", "--trusted-proxy", "10.1.1.1"], ENV).trustedProxies).toEqual([
      "10.1.1.1",
    ]);
  });
});
