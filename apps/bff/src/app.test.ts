import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { type ClusterConnection, connectCluster } from "./kube/connect";
import { listPolicies } from "./kube/policies";

describe("GET /api/v1/policies against the embedded demo cluster", () => {
  let cluster: ClusterConnection;
  beforeAll(async () => {
    cluster = await connectCluster(undefined);
  });
  afterAll(async () => {
    await cluster.close();
  });

  it("returns IBM's default policies in evaluation order, over HTTPS with TLS verification on", async () => {
    const app = await buildApp({ policies: { listPolicies: () => listPolicies(cluster.kubeConfig) } });
    const res = await app.inject({ method: "GET", url: "/api/v1/policies" });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: { name: string; order: number | null }[] }>();
    expect(body.items.map((p) => [p.name, p.order])).toEqual([
      ["allow-node-port-dnat", 1500],
      ["allow-vrrp", 1600],
      ["allow-icmp", 1700],
      ["allow-all-outbound", 1900],
      ["allow-bigfix-port", 1900],
      ["allow-sys-mgmt", 1950],
      ["allow-all-private-default", 3000],
    ]);
    expect(cluster.kubeConfig.getCurrentCluster()?.skipTLSVerify).not.toBe(true);
  });

  it("answers a cluster failure with the shared error body", async () => {
    const app = await buildApp({
      policies: {
        listPolicies: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6443")),
      },
    });
    const res = await app.inject({ method: "GET", url: "/api/v1/policies" });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toEqual({
      statusCode: 502,
      code: "ClusterUnavailable",
      message: "the cluster request failed: connect ECONNREFUSED 127.0.0.1:6443",
    });
  });

  it("serves liveness and readiness", async () => {
    const app = await buildApp({ policies: { listPolicies: async () => [] } });
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);
    expect((await app.inject({ url: "/readyz" })).statusCode).toBe(200);
  });
});
