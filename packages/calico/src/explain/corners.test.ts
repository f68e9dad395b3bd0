import { describe, expect, it } from "vitest";
import { hostEndpoint, workloadEndpointFromPod } from "../endpoints/endpoint";
import type { PolicyLike } from "../endpoints/inputs";
import type { MatchIndex } from "../endpoints/match-index";
import { explain } from "./explain";
import type { ExplainQuery, Explanation } from "./query";
import { explainFrom, gnp, indexWith, np } from "./testing";

// Issue 17: where Calico is subtle. Two nodes with kube-controllers' all-interfaces host endpoints (`*`), pods on both.
const N1 = "n1";
const N2 = "n2";
const CLIENT = "203.0.113.7";
const EXTERNAL = "198.51.100.7";
const WEB1 = "wep/shop/web-1";
const WEB2 = "wep/shop/web-2";

function cluster(...policies: PolicyLike[]): MatchIndex {
  return indexWith((idx) => {
    idx.upsertNamespace({ metadata: { name: "shop" } });
    for (const [node, ip] of [
      [N1, "10.0.0.1"],
      [N2, "10.0.0.2"],
    ] as const) {
      idx.upsertEndpoint(
        hostEndpoint({
          metadata: { name: `${node}-auto`, labels: { role: "node" } },
          spec: { node, interfaceName: "*", expectedIPs: [ip], profiles: ["projectcalico-default-allow"] },
        }),
      );
    }
    const pod = (name: string, node: string, ip: string) =>
      idx.upsertEndpoint(
        workloadEndpointFromPod({
          metadata: { name, namespace: "shop", labels: { app: name.replace(/-\d$/, "") } },
          spec: { nodeName: node, containers: [{ ports: [{ name: "http", containerPort: 8080 }] }] },
          status: { podIPs: [{ ip }] },
        }),
      );
    pod("web-1", N1, "172.16.1.5");
    pod("web-2", N2, "172.16.2.5");
    pod("client-1", N1, "172.16.1.9");
  }, policies);
}

function run(idx: MatchIndex, q: Partial<ExplainQuery>): Explanation {
  return explainFrom({ endpointId: "hep/n1-auto", peerIp: CLIENT }, idx, q);
}

const stages = (e: Explanation) => e.trace.flatMap((s) => (s.kind === "stage" ? [`${s.endpoint} ${s.stage}`] : []));

/** applyOnForward egress policy on the nodes' host endpoints. */
const egressForward = (name: string, egress: NonNullable<PolicyLike["spec"]["egress"]>) =>
  gnp(name, { selector: "role == 'node'", applyOnForward: true, types: ["Egress"], egress });

describe("forwarded traffic leaving through a host endpoint (docs: host endpoints, Apply on forwarded traffic; felix/rules/static.go StaticFilterForwardChains)", () => {
  it("meets egress policy on the host endpoint it leaves by; a `*` host endpoint covers every interface", () => {
    const deny = egressForward("no-egress", [
      { action: "Deny", destination: { nets: ["198.51.100.0/24"] } },
      { action: "Allow" },
    ]);
    const routed = { port: 443, localIp: EXTERNAL, forwarded: true };
    const e = run(cluster(deny), routed);
    expect(e.verdict).toBe("deny");
    expect(e.decidedBy).toMatchObject({
      kind: "rule",
      stage: "forward",
      endpoint: "hep/n1-auto",
      policy: "GlobalNetworkPolicy//no-egress",
    });
    expect(stages(e)).toEqual([
      "hep/n1-auto untracked",
      "hep/n1-auto preDNAT",
      "hep/n1-auto forward",
      "hep/n1-auto forward",
    ]);
    expect(run(cluster(deny), { ...routed, localIp: "192.0.2.1" }).verdict).toBe("allow");
  });

  it("is undetermined when routing decides which of several host endpoints the packet leaves by", () => {
    const idx = cluster(
      gnp("public-out", {
        selector: "if == 'eth1'",
        applyOnForward: true,
        types: ["Egress"],
        egress: [{ action: "Deny" }],
      }),
    );
    for (const [name, iface, ip] of [
      ["r1-eth0", "eth0", "10.9.0.1"],
      ["r1-eth1", "eth1", "192.0.2.9"],
    ] as const) {
      idx.upsertEndpoint(
        hostEndpoint({
          metadata: { name, labels: { if: iface } },
          spec: { node: "r1", interfaceName: iface, expectedIPs: [ip] },
        }),
      );
    }
    const e = run(idx, { endpointId: "hep/r1-eth0", port: 443, localIp: EXTERNAL, forwarded: true });
    expect(e.verdict).toBe("undetermined");
    expect(e.decidedBy.message).toContain("depends on routing");
    expect(e.decidedBy.message).toContain("hep/r1-eth1");
  });

  it("a NodePort packet DNATed to a pod on another node passes every stage on both nodes", () => {
    const nodePort: Partial<ExplainQuery> = {
      port: 30080,
      dnat: { endpointId: WEB2, port: 8080, masquerade: { ip: "10.0.0.1", via: "the node's InternalIP" } },
    };
    const open = run(cluster(), nodePort);
    expect(open.verdict).toBe("allow");
    expect(stages(open)).toEqual([
      "hep/n1-auto untracked",
      "hep/n1-auto preDNAT",
      "hep/n1-auto forward",
      "hep/n1-auto forward",
      "hep/n2-auto untracked",
      "hep/n2-auto preDNAT",
      "hep/n2-auto forward",
      `${WEB2} normal`,
      "hep/n2-auto forward",
    ]);
    // The first node's egress denies it: not allowed end to end.
    const deny = egressForward("no-pods-out", [{ action: "Deny", destination: { nets: ["172.16.2.0/24"] } }]);
    const denied = run(cluster(deny), nodePort);
    expect(denied.verdict).toBe("deny");
    expect(denied.decidedBy).toMatchObject({ stage: "forward", endpoint: "hep/n1-auto" });
    // The second node's preDNAT sees the masqueraded source.
    const fromN1 = gnp("from-n1", {
      selector: "role == 'node'",
      preDNAT: true,
      applyOnForward: true,
      types: ["Ingress"],
      ingress: [{ action: "Deny", source: { nets: ["10.0.0.1/32"] } }],
    });
    expect(run(cluster(fromN1), nodePort).decidedBy).toMatchObject({ stage: "preDNAT", endpoint: "hep/n2-auto" });
  });

  it("a `*` host endpoint's preDNAT and forward policy also see a pod's traffic (felix/rules/dispatch.go: the `*` chains are every interface's default)", () => {
    const noExternal = egressForward("no-external", [{ action: "Deny", destination: { nets: ["198.51.100.0/24"] } }]);
    const e = run(cluster(noExternal), { endpointId: WEB1, direction: "egress", peer: { ip: EXTERNAL }, port: 443 });
    expect(stages(e)).toEqual(["hep/n1-auto preDNAT", "hep/n1-auto forward", `${WEB1} normal`, "hep/n1-auto forward"]);
    expect(e.decidedBy).toMatchObject({ stage: "forward", endpoint: "hep/n1-auto", action: "Deny" });
  });
});

describe("host to its own pods (docs: HostEndpoint resource; felix/rules/static.go filterOutputChain)", () => {
  const denyWeb = np("deny-web", { selector: "app == 'web'", ingress: [{ action: "Deny" }] });
  const hostDenyAll = gnp("host-deny-all", { selector: "role == 'node'", egress: [{ action: "Deny" }] });

  it("is always allowed: no host endpoint normal policy, no pod ingress policy", () => {
    const idx = cluster(denyWeb, hostDenyAll);
    const fromHost = run(idx, { endpointId: WEB1, peer: { localHost: true }, port: 8080 });
    expect(fromHost.verdict).toBe("allow");
    expect(fromHost.decidedBy).toMatchObject({ kind: "default", endpoint: WEB1 });
    expect(fromHost.decidedBy.message).toContain("filterOutputChain");
    expect(fromHost.trace.some((s) => s.kind === "policy")).toBe(false);
    // The same as the host endpoint's egress to a local pod, and with the node's address as the peer.
    const hepOut = run(idx, { direction: "egress", peer: { endpointId: WEB1 }, port: 8080 });
    expect(hepOut.verdict).toBe("allow");
    expect(run(idx, { endpointId: WEB1, peer: { endpointId: "hep/n1-auto" }, port: 8080 }).verdict).toBe("allow");
    // Another node's host is policed like any peer.
    expect(run(idx, { endpointId: WEB1, peer: { endpointId: "hep/n2-auto" }, port: 8080 }).verdict).toBe("deny");
  });

  it("names the field when the peer is the host itself but the endpoint has no node or is the host endpoint's ingress", () => {
    const bad = explain(cluster(), {
      endpointId: "hep/n1-auto",
      direction: "ingress",
      peer: { localHost: true },
      protocol: "TCP",
      port: 22,
    });
    expect(bad).toMatchObject({ ok: false, error: { field: "peer.localHost" } });
  });
});

describe("honesty: no confident answer on what is not modelled", () => {
  it("a pod's traffic to its own host depends on DefaultEndpointToHostAction (felix/rules/static.go filterWorkloadToHostChain)", () => {
    const e = run(cluster(), { endpointId: WEB1, direction: "egress", peer: { localHost: true }, port: 10250 });
    expect(e.verdict).toBe("undetermined");
    expect(e.decidedBy.message).toContain("DefaultEndpointToHostAction");
    expect(e.summary).toMatch(/^Undetermined: /);
    // The pod's own egress policy still decides first when it denies.
    const deny = np("no-egress", { selector: "app == 'web'", types: ["Egress"], egress: [{ action: "Deny" }] });
    const denied = run(cluster(deny), { endpointId: WEB1, direction: "egress", peer: { localHost: true }, port: 1 });
    expect(denied.verdict).toBe("deny");
  });

  it("an http match, a services match, a ClusterIP peer and a missing peer address leave a deciding rule open", () => {
    const onPod = (rule: NonNullable<PolicyLike["spec"]["ingress"]>[number]) =>
      cluster(np("p", { selector: "app == 'web'", ingress: [rule] }));
    const q = { endpointId: WEB1, port: 8080 };
    const http = run(onPod({ action: "Allow", http: { methods: ["GET"] } }), q);
    expect(http).toMatchObject({ verdict: "undetermined", decidedBy: { kind: "undetermined" } });
    expect(http.decidedBy.message).toContain("http");
    const services = run(onPod({ action: "Allow", source: { services: { name: "front", namespace: "shop" } } }), q);
    expect(services.verdict).toBe("undetermined");
    const byNets = onPod({ action: "Allow", source: { nets: ["203.0.113.0/24"] } });
    expect(run(byNets, { ...q, peer: { labels: { app: "x" } } }).verdict).toBe("undetermined");
    expect(run(byNets, q).verdict).toBe("allow");
    // Pod egress to a ClusterIP: kube-proxy picks the backend before the pod's egress chain sees it.
    const egressTo = cluster(
      np("to-db", {
        selector: "app == 'web'",
        types: ["Egress"],
        egress: [{ action: "Allow", destination: { selector: "app == 'db'" } }],
      }),
    );
    const viaClusterIp = {
      endpointId: WEB1,
      direction: "egress",
      port: 5432,
      peer: { ip: "10.96.0.20", unknown: "10.96.0.20 is the ClusterIP of Service shop/db" },
    } as const;
    expect(run(egressTo, viaClusterIp).verdict).toBe("undetermined");
    // A rule that does not look at the destination still decides.
    const allowAll = cluster(np("all", { selector: "app == 'web'", types: ["Egress"], egress: [{ action: "Allow" }] }));
    expect(run(allowAll, viaClusterIp).verdict).toBe("allow");
  });

  it("a staged or Log rule that may match does not make the answer undetermined", () => {
    const idx = cluster(
      gnp("log-http", { selector: "app == 'web'", ingress: [{ action: "Log", http: { methods: ["GET"] } }] }),
    );
    expect(run(idx, { endpointId: WEB1, port: 8080 }).verdict).toBe("deny");
  });
});

describe("trace wording", () => {
  it("labels a failsafe step with the stage it takes effect in (felix/rules/endpoints.go: failsafe jumps in each chain)", () => {
    const normalOnly = run(cluster(), { port: 22 });
    expect(normalOnly.decidedBy).toMatchObject({ kind: "failsafe", stage: "normal" });
    const pre = gnp("pre", {
      selector: "role == 'node'",
      preDNAT: true,
      applyOnForward: true,
      types: ["Ingress"],
      ingress: [{ action: "Deny", source: { nets: ["192.0.2.0/24"] } }],
    });
    expect(run(cluster(pre), { port: 22 }).decidedBy).toMatchObject({ kind: "failsafe", stage: "preDNAT" });
  });

  it("says the protocol is why a named port does not match", () => {
    const idx = cluster(
      np("http", {
        selector: "app == 'web'",
        ingress: [{ action: "Allow", protocol: "UDP", destination: { ports: ["http"] } }],
      }),
    );
    const e = run(idx, { endpointId: WEB1, protocol: "UDP", port: 8080 });
    const rule = e.trace.find((s) => s.kind === "rule");
    expect(rule?.message).toContain("only for TCP, and the packet is UDP: the protocol does not match");
  });
});
