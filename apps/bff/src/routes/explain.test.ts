import { denyNodePorts, preDnatAllowlist } from "@palisade/calico";
import type { ExplainResult } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";

// A client on the internet reaching the nginx LoadBalancer Service (NodePort 31380, targetPort 80, pods
// default/nginx-5d9c8f6b7c-4xkzq 172.30.10.17 and default/nginx-5d9c8f6b7c-r8wtn 172.30.30.9) through the first
// worker's public interface (198.51.100.14).
const PUBLIC_HEP = "hep/10.176.48.106-worker-public";
const WORKER_PUBLIC_IP = "198.51.100.14";
const CLIENT = "198.51.100.9";
const NGINX_POD = { ip: "172.30.10.17", port: 80, pod: "default/nginx-5d9c8f6b7c-4xkzq" };

// IBM's deny-nodeports (order 1100) and a pre-DNAT allowlist (order 500) for the client, as the wizards write them.
const DENY_NODEPORTS = JSON.stringify(denyNodePorts().policy);
const ALLOWLIST = JSON.stringify(
  preDnatAllowlist({ sourceCidrs: [CLIENT], destinationIps: [WORKER_PUBLIC_IP], ports: [31380] }).policy,
);

const BOTH = `${DENY_NODEPORTS}\n---\n${ALLOWLIST}`;

describe("explain models kube-proxy's DNAT of Service traffic into host endpoints", () => {
  let demo: DemoHarness;
  const explain = async (body: Record<string, unknown>) => {
    const res = await demo.app.inject({
      method: "POST",
      url: "/api/v1/clusters/demo/explain",
      headers: { "x-palisade-csrf": "1" },
      payload: { endpoint: PUBLIC_HEP, direction: "Ingress", peer: { ip: CLIENT }, protocol: "TCP", ...body },
    });
    expect(res.statusCode).toBe(200);
    return res.json<ExplainResult>();
  };
  const decided = (r: ExplainResult) => r.trace[r.decidedBy];
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo.close();
  });

  it("allows a client on a public NodePort by allow-node-port-dnat in the forward stage, after DNAT to a pod", async () => {
    const r = await explain({ port: 31380 });
    expect(r.verdict).toBe("allow");
    expect(decided(r)).toMatchObject({
      kind: "rule",
      stage: "forward",
      policy: "GlobalNetworkPolicy//allow-node-port-dnat",
      rule: 0,
      action: "Allow",
    });
    expect(r.dnat).toEqual({
      service: "default/nginx",
      via: "NodePort",
      from: { ip: WORKER_PUBLIC_IP, port: 31380 },
      to: NGINX_POD,
      message: expect.stringContaining("pod default/nginx-5d9c8f6b7c-4xkzq"),
    });
    expect(r.trace.filter((t) => t.kind === "stage").map((t) => t.stage)).toEqual(["untracked", "preDNAT", "forward"]);
    // The same packet given as its pre-DNAT destination, and through the other workers' public interfaces.
    expect(await explain({ port: 31380, preDnatDestination: { ip: WORKER_PUBLIC_IP, port: 31380 } })).toEqual(r);
    const other = await explain({ endpoint: "hep/10.184.58.42-worker-public", port: 31380 });
    expect(other.dnat).toMatchObject({ via: "NodePort", from: { ip: "203.0.113.42" }, to: NGINX_POD });
    expect(decided(other)).toMatchObject({ stage: "forward", policy: "GlobalNetworkPolicy//allow-node-port-dnat" });
  });

  it("translates the LoadBalancer IP on the Service port to the same pod", async () => {
    const r = await explain({ port: 80, preDnatDestination: { ip: "198.51.100.50", port: 80 } });
    expect(r.dnat).toMatchObject({ service: "default/nginx", via: "LoadBalancer", to: NGINX_POD });
    expect(r.verdict).toBe("allow");
    expect(decided(r)).toMatchObject({ stage: "forward", policy: "GlobalNetworkPolicy//allow-node-port-dnat" });
    // Port 80 on the worker's own address is no Service's NodePort.
    const host = await explain({ port: 80 });
    expect(host.dnat).toBeUndefined();
    expect(host.verdict).toBe("deny");
  });

  it("denies the NodePort in the preDNAT stage once IBM's deny-nodeports is proposed", async () => {
    const r = await explain({ port: 31380, proposedYaml: DENY_NODEPORTS });
    expect(r).toMatchObject({ verdict: "deny", whatIf: true, dnat: { to: NGINX_POD } });
    expect(decided(r)).toMatchObject({
      kind: "rule",
      stage: "preDNAT",
      policy: "GlobalNetworkPolicy//deny-nodeports",
      rule: 0,
      action: "Deny",
      matched: true,
      result: "deny",
    });
    expect(r.trace.some((t) => t.stage === "forward")).toBe(false);
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "deny-nodeports")).toBeUndefined();
  });

  it("answers the explain page's NodePort sample (shop/frontend 30080) before and after deny-nodeports", async () => {
    const sample = {
      peer: { ip: "203.0.113.50" },
      port: 30080,
      preDnatDestination: { ip: WORKER_PUBLIC_IP, port: 30080 },
    };
    const before = await explain(sample);
    expect(before.dnat).toMatchObject({
      service: "shop/frontend",
      to: { ip: "172.30.20.31", port: 8080, pod: "shop/frontend-7f8b9c5d4-hx2lp" },
    });
    expect(before.verdict).toBe("allow");
    expect(decided(before)).toMatchObject({ stage: "forward", policy: "GlobalNetworkPolicy//allow-node-port-dnat" });
    const after = await explain({ ...sample, proposedYaml: DENY_NODEPORTS });
    expect(after.verdict).toBe("deny");
    expect(decided(after)).toMatchObject({ stage: "preDNAT", policy: "GlobalNetworkPolicy//deny-nodeports" });
  });

  it("lets an allowlisted client through deny-nodeports with a pre-DNAT allowlist at order 500", async () => {
    const r = await explain({ port: 31380, proposedYaml: BOTH });
    expect(r.verdict).toBe("allow");
    expect(decided(r)).toMatchObject({ stage: "preDNAT", policy: "GlobalNetworkPolicy//allowlist", action: "Allow" });
    const stranger = await explain({
      peer: { ip: "203.0.113.77" },
      port: 31380,
      proposedYaml: BOTH,
    });
    expect(stranger.verdict).toBe("deny");
    expect(decided(stranger)).toMatchObject({ stage: "preDNAT", policy: "GlobalNetworkPolicy//deny-nodeports" });
  });

  it("keeps failsafe SSH to the worker open, untranslated, even with deny-nodeports", async () => {
    for (const proposed of [{}, { proposedYaml: DENY_NODEPORTS }]) {
      const r = await explain({ port: 22, ...proposed });
      expect(r.verdict).toBe("allow");
      expect(decided(r)?.kind).toBe("failsafe");
      expect(r.dnat).toBeUndefined();
    }
  });

  it("does not translate a port that is no Service's NodePort, nor a packet said not to be forwarded", async () => {
    const r = await explain({ port: 31999 });
    expect(r.dnat).toBeUndefined();
    expect(r.verdict).toBe("deny");
    expect(decided(r)).toMatchObject({ kind: "end-of-tier", stage: "normal", tier: "default", action: "Deny" });
    const udp = await explain({ protocol: "UDP", port: 31380 });
    expect(udp.dnat).toBeUndefined();
    const toHost = await explain({ port: 31380, forwarded: false });
    expect(toHost.dnat).toBeUndefined();
    expect(decided(toHost)).toMatchObject({ kind: "end-of-tier", stage: "normal" });
  });
});
