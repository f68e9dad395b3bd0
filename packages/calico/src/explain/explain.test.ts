import { describe, expect, it } from "vitest";
import { hostEndpoint, networkSetItem, workloadEndpointFromPod } from "../endpoints/endpoint";
import type { PolicyLike } from "../endpoints/inputs";
import type { MatchIndex } from "../endpoints/match-index";
import { denyNodePorts as generateDenyNodePorts } from "../generators/deny-nodeports";
import { preDnatAllowlist } from "../generators/prednat-allowlist";
import { explain } from "./explain";
import type { ExplainQuery, Explanation } from "./query";
import { explainFrom, gnp, indexWith } from "./testing";

const PUBLIC = "ibm.role == 'worker_public'";
const WORKER_PUBLIC_IP = "169.60.1.10";
const NLB_IP = "169.60.1.100";
const CLIENT = "203.0.113.7";

/** The seed's deny-nodeports policy (issue 3 "Generators"). */
const denyNodePorts = gnp("deny-nodeports", {
  selector: PUBLIC,
  order: 1100,
  preDNAT: true,
  applyOnForward: true,
  types: ["Ingress"],
  ingress: [
    { action: "Deny", protocol: "TCP", source: {}, destination: { ports: ["30000:32767"] } },
    { action: "Deny", protocol: "UDP", source: {}, destination: { ports: ["30000:32767"] } },
  ],
});

/** The seed's pre-DNAT allowlist at order 500: a listed client may reach the load balancer. */
const allowlist = gnp("allowlist", {
  selector: PUBLIC,
  order: 500,
  preDNAT: true,
  applyOnForward: true,
  types: ["Ingress"],
  ingress: [
    {
      action: "Allow",
      protocol: "TCP",
      source: { nets: [`${CLIENT}/32`] },
      destination: { nets: [`${NLB_IP}/32`, `${WORKER_PUBLIC_IP}/32`], ports: [80, 30080] },
    },
  ],
});

function cluster(...policies: PolicyLike[]): MatchIndex {
  return indexWith((idx) => {
    idx.upsertNamespace({ metadata: { name: "shop" } });
    idx.upsertEndpoint(
      hostEndpoint({
        metadata: { name: "w1-public", labels: { "ibm.role": "worker_public" } },
        spec: { node: "10.176.48.106", interfaceName: "eth1", expectedIPs: [WORKER_PUBLIC_IP] },
      }),
    );
    idx.upsertEndpoint(
      workloadEndpointFromPod({
        metadata: { name: "web-1", namespace: "shop", labels: { app: "web" } },
        spec: { containers: [{ ports: [{ name: "http", containerPort: 8080 }] }] },
        status: { podIPs: [{ ip: "172.30.0.5" }] },
      }),
    );
  }, policies);
}

function run(idx: MatchIndex, q: Partial<ExplainQuery>): Explanation {
  return explainFrom({ endpointId: "hep/w1-public", peerIp: CLIENT }, idx, q);
}

describe("explain: the IBM classic scenarios", () => {
  it("deny-nodeports blocks a public NodePort in the pre-DNAT stage", () => {
    const e = run(cluster(denyNodePorts), { port: 30080, peer: { ip: "198.51.100.9" } });
    expect(e.verdict).toBe("deny");
    expect(e.decidedBy).toMatchObject({
      kind: "rule",
      stage: "preDNAT",
      policy: "GlobalNetworkPolicy//deny-nodeports",
      ruleIndex: 0,
      action: "Deny",
    });
    const udp = run(cluster(denyNodePorts), { port: 31000, protocol: "UDP" });
    expect(udp.decidedBy).toMatchObject({ policy: "GlobalNetworkPolicy//deny-nodeports", ruleIndex: 1 });
  });

  it("the allowlist at order 500 lets a listed client through before deny-nodeports", () => {
    const idx = cluster(denyNodePorts, allowlist);
    const listed = run(idx, { port: 30080 });
    expect(listed.verdict).toBe("allow");
    expect(listed.decidedBy).toMatchObject({
      stage: "preDNAT",
      policy: "GlobalNetworkPolicy//allowlist",
      ruleIndex: 0,
      action: "Allow",
    });
    const toLb = run(idx, { port: 80, localIp: NLB_IP });
    expect(toLb.decidedBy).toMatchObject({ policy: "GlobalNetworkPolicy//allowlist" });
    const other = run(idx, { port: 30080, peer: { ip: "198.51.100.9" } });
    expect(other.decidedBy).toMatchObject({ policy: "GlobalNetworkPolicy//deny-nodeports" });
    const policies = other.trace.filter((s) => s.kind === "policy").map((s) => (s.kind === "policy" ? s.policy : ""));
    expect(policies[0]).toBe("GlobalNetworkPolicy//allowlist");
  });

  it("gives the same verdicts for the wizard's generated deny-nodeports and allowlist policies", () => {
    const deny = generateDenyNodePorts();
    const allow = preDnatAllowlist({ sourceCidrs: [CLIENT], destinationIps: [WORKER_PUBLIC_IP], ports: [30080] });
    expect([...deny.errors, ...allow.errors]).toEqual([]);
    const idx = cluster(deny.policy, allow.policy);
    expect(run(idx, { port: 30080 }).decidedBy).toMatchObject({
      stage: "preDNAT",
      action: "Allow",
      policy: "GlobalNetworkPolicy//allowlist",
    });
    expect(run(idx, { port: 30080, peer: { ip: "198.51.100.9" } }).decidedBy).toMatchObject({
      stage: "preDNAT",
      action: "Deny",
      policy: "GlobalNetworkPolicy//deny-nodeports",
    });
    expect(run(idx, { port: 22, peer: { ip: "198.51.100.9" } }).decidedBy.kind).toBe("failsafe");
  });

  it("lets pre-DNAT policy see the original destination and later stages the translated one", () => {
    const denyLb80 = gnp("deny-lb-port-80", {
      selector: PUBLIC,
      order: 800,
      preDNAT: true,
      applyOnForward: true,
      ingress: [{ action: "Deny", protocol: "TCP", destination: { nets: [`${NLB_IP}/32`], ports: [80] } }],
    });
    const idx = cluster(denyLb80);
    const toPod = { port: 8080, localIp: "172.30.0.5", forwarded: true, peer: { ip: "198.51.100.9" } };
    const denied = run(idx, { ...toPod, preDnat: { ip: NLB_IP, port: 80 } });
    expect(denied.decidedBy).toMatchObject({ stage: "preDNAT", policy: "GlobalNetworkPolicy//deny-lb-port-80" });
    expect(denied.summary).toBe(
      "Denied by GlobalNetworkPolicy deny-lb-port-80 rule 1 (preDNAT stage of host endpoint w1-public, tier default)",
    );
    expect(run(idx, toPod).verdict).toBe("allow");
  });

  it("keeps failsafe SSH open even under a catch-all deny", () => {
    const denyAll = gnp("deny-all", { selector: PUBLIC, order: 99900, ingress: [{ action: "Deny" }] });
    const e = run(cluster(denyNodePorts, denyAll), { port: 22 });
    expect(e.verdict).toBe("allow");
    expect(e.decidedBy.kind).toBe("failsafe");
    expect(run(cluster(denyAll), { port: 2222 }).decidedBy).toMatchObject({ policy: "GlobalNetworkPolicy//deny-all" });
  });

  it("denies by default on a host endpoint with no policy, apart from failsafe ports", () => {
    const e = run(cluster(), { port: 8080 });
    expect(e.verdict).toBe("deny");
    expect(e.decidedBy.kind).toBe("default");
    expect(e.decidedBy.message).toMatch(/host endpoint with no policy/);
  });

  it("allows established traffic before normal policy but not before untracked policy", () => {
    const denyAll = gnp("deny-all", { selector: PUBLIC, ingress: [{ action: "Deny" }] });
    expect(run(cluster(denyAll), { port: 8080, established: true }).decidedBy.kind).toBe("established");
    const untracked = gnp("raw-deny", {
      selector: PUBLIC,
      doNotTrack: true,
      applyOnForward: true,
      ingress: [{ action: "Deny" }],
    });
    expect(run(cluster(untracked), { port: 8080, established: true }).decidedBy).toMatchObject({
      stage: "untracked",
      action: "Deny",
    });
  });

  it("ends a tier with its default deny, and lets Pass reach the next tier", () => {
    const idx = cluster(gnp("log-only", { selector: PUBLIC, order: 3000, ingress: [{ action: "Log" }] }));
    const e = run(idx, { port: 8080 });
    expect(e.decidedBy).toMatchObject({ kind: "end-of-tier", tier: "default", action: "Deny" });
    idx.upsertTier({ name: "platform", order: 100, defaultAction: "Deny" });
    idx.upsertPolicy(gnp("pass", { tier: "platform", selector: PUBLIC, ingress: [{ action: "Pass" }] }));
    idx.upsertPolicy(
      gnp("allow-8080", {
        selector: PUBLIC,
        order: 10,
        ingress: [{ action: "Allow", protocol: "TCP", destination: { ports: [8080] } }],
      }),
    );
    const passed = run(idx, { port: 8080 });
    expect(passed.verdict).toBe("allow");
    expect(passed.trace.some((s) => s.kind === "rule" && s.action === "Pass" && s.matched)).toBe(true);
  });

  it("never enforces staged policies, and a tier of only staged policies has no end-of-tier deny", () => {
    const staged = {
      ...gnp("staged-deny", { selector: PUBLIC, ingress: [{ action: "Deny" }] }),
      kind: "StagedGlobalNetworkPolicy",
    };
    const e = run(cluster(staged), { port: 8080 });
    expect(e.trace.some((s) => s.kind === "rule" && s.staged && s.matched)).toBe(true);
    expect(e.decidedBy.kind).toBe("default");
  });

  it("allows forwarded traffic by default and applies applyOnForward policy to it", () => {
    expect(run(cluster(), { port: 8080, forwarded: true }).verdict).toBe("allow");
    const fwd = gnp("no-fwd", {
      selector: PUBLIC,
      applyOnForward: true,
      ingress: [{ action: "Deny", source: { nets: ["198.51.100.0/24"] } }],
    });
    const e = run(cluster(fwd), { port: 8080, forwarded: true, peer: { ip: "198.51.100.9" } });
    expect(e.decidedBy).toMatchObject({ stage: "forward", action: "Deny" });
  });

  it("checks outbound failsafe ports and egress policy for host egress", () => {
    const denyOut = gnp("deny-out", { selector: PUBLIC, types: ["Egress"], egress: [{ action: "Deny" }] });
    expect(
      run(cluster(denyOut), { direction: "egress", protocol: "UDP", port: 53, peer: { ip: "8.8.8.8" } }).decidedBy.kind,
    ).toBe("failsafe");
    expect(run(cluster(denyOut), { direction: "egress", port: 443, peer: { ip: "8.8.8.8" } }).decidedBy).toMatchObject({
      stage: "normal",
      action: "Deny",
    });
  });
});

describe("explain: workload endpoints and rule matching", () => {
  const pod = (idx: MatchIndex, q: Partial<ExplainQuery>) => run(idx, { endpointId: "wep/shop/web-1", ...q });

  it("lets a pod with no policy through its namespace profile", () => {
    const e = pod(cluster(), { port: 8080 });
    expect(e.decidedBy).toMatchObject({ kind: "profile", profile: "kns.shop" });
  });

  it("matches named ports, selectors, network sets and namespace-scoped rules", () => {
    const np: PolicyLike = {
      kind: "NetworkPolicy",
      metadata: { name: "web", namespace: "shop" },
      spec: {
        selector: "app == 'web'",
        ingress: [
          {
            action: "Allow",
            protocol: "TCP",
            source: { selector: "role == 'client'" },
            destination: { ports: ["http"] },
          },
          {
            action: "Allow",
            protocol: "TCP",
            source: { namespaceSelector: "global()", selector: "ibm.role == 'worker_public'" },
          },
        ],
      },
    };
    const idx = cluster(np);
    idx.upsertNetworkSet(
      networkSetItem({
        kind: "NetworkSet",
        metadata: { name: "clients", namespace: "shop", labels: { role: "client" } },
        spec: { nets: ["203.0.113.0/24"] },
      }),
    );
    expect(pod(idx, { port: 8080 }).decidedBy).toMatchObject({ kind: "rule", ruleIndex: 0, action: "Allow" });
    expect(pod(idx, { port: 9090 }).decidedBy).toMatchObject({ kind: "end-of-tier", action: "Deny" });
    expect(pod(idx, { port: 9090, peer: { endpointId: "hep/w1-public" } }).decidedBy).toMatchObject({ ruleIndex: 1 });
    expect(pod(idx, { port: 8080, peer: { ip: "198.51.100.1", labels: { role: "client" } } }).verdict).toBe("deny");
  });

  it("reports bad queries as values naming the field", () => {
    const idx = cluster();
    const bad = (q: Partial<ExplainQuery>) => {
      const r = explain(idx, { endpointId: "hep/w1-public", direction: "ingress", peer: {}, protocol: "TCP", ...q });
      return r.ok ? undefined : r.error.field;
    };
    expect(bad({ endpointId: "hep/nope" })).toBe("endpointId");
    expect(bad({ protocol: "FOO" })).toBe("protocol");
    expect(bad({ peer: { ip: "1.2.3" } })).toBe("peer.ip");
  });
});

describe("explain: all-interfaces host endpoints", () => {
  it("ignores untracked policy on interfaceName '*' host endpoints", () => {
    const idx = cluster(
      gnp("raw-deny", { selector: "has(star)", doNotTrack: true, applyOnForward: true, ingress: [{ action: "Deny" }] }),
    );
    idx.upsertEndpoint(
      hostEndpoint({
        metadata: { name: "w1-all", labels: { star: "" } },
        spec: { node: "w1", interfaceName: "*", expectedIPs: ["10.0.0.9"] },
      }),
    );
    const e = run(idx, { endpointId: "hep/w1-all", port: 8080 });
    expect(e.trace.some((s) => s.kind === "note" && s.stage === "untracked")).toBe(true);
    expect(e.decidedBy.kind).toBe("default");
  });
});

describe("explain: the peer", () => {
  it("says which endpoint and network sets the peer address belongs to", () => {
    const idx = cluster();
    idx.upsertNetworkSet(
      networkSetItem({ kind: "GlobalNetworkSet", metadata: { name: "clients" }, spec: { nets: ["203.0.113.0/24"] } }),
    );
    expect(run(idx, { port: 80 }).trace[0]).toEqual({
      kind: "peer",
      message: `peer ${CLIENT}: not a known endpoint: in network sets gnetset/clients`,
    });
    const fromPod = run(idx, { port: 80, peer: { ip: "172.30.0.5" } });
    expect(fromPod.trace[0]?.message).toBe("peer 172.30.0.5: is wep/shop/web-1");
  });
});
