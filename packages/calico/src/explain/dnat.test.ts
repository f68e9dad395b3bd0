import { describe, expect, it } from "vitest";
import { hostEndpoint, networkSetItem, workloadEndpointFromPod } from "../endpoints/endpoint";
import type { PolicyLike } from "../endpoints/inputs";
import type { MatchIndex } from "../endpoints/match-index";
import { explain } from "./explain";
import type { ExplainQuery, Explanation, TraceStep } from "./query";
import { explainFrom, gnp, type IngressRules, indexWith, np } from "./testing";

// A Service packet arriving at a worker's public interface and DNATed to a pod (docs/calico-semantics.md section 4;
// felix/rules/static.go StaticFilterForwardChains; Calico docs "Apply on forwarded traffic"): untracked and preDNAT
// on the host endpoint see the original destination; the host endpoint's forward stage and the pod's own ingress
// policy see the pod.
const HEP = "hep/w1-public";
const WORKER = "10.176.48.106";
const WORKER_PUBLIC_IP = "169.60.1.10";
const LB_IP = "169.60.1.100";
const POD = "wep/shop/web-1";
const POD_IP = "172.30.0.5";
const CLIENT = "203.0.113.7";

type Ingress = IngressRules;
const forwardPolicy = (name: string, ingress: Ingress) =>
  gnp(name, { selector: "ibm.role == 'worker_public'", applyOnForward: true, types: ["Ingress"], ingress });

function cluster(...policies: PolicyLike[]): MatchIndex {
  return indexWith((idx) => {
    idx.upsertNamespace({ metadata: { name: "shop", labels: { team: "shop" } } });
    idx.upsertEndpoint(
      hostEndpoint({
        metadata: { name: "w1-public", labels: { "ibm.role": "worker_public" } },
        spec: { node: WORKER, interfaceName: "eth1", expectedIPs: [WORKER_PUBLIC_IP] },
      }),
    );
    idx.upsertEndpoint(
      hostEndpoint({
        metadata: { name: "w2-private", labels: { "ibm.role": "worker_private" } },
        spec: { node: "10.176.48.107", interfaceName: "eth0", expectedIPs: ["10.176.48.107"] },
      }),
    );
    idx.upsertEndpoint(
      workloadEndpointFromPod({
        metadata: { name: "web-1", namespace: "shop", labels: { app: "web" } },
        spec: { nodeName: WORKER, containers: [{ ports: [{ name: "http", containerPort: 8080 }] }] },
        status: { podIPs: [{ ip: POD_IP }] },
      }),
    );
    idx.upsertNetworkSet(
      networkSetItem({
        kind: "GlobalNetworkSet",
        metadata: { name: "pods", labels: { net: "pods" } },
        spec: { nets: ["172.30.0.0/16"] },
      }),
    );
  }, policies);
}

/** An untracked (doNotTrack) Allow on the public interfaces. */
const RAW_ALLOW = gnp("raw-allow", {
  selector: "ibm.role == 'worker_public'",
  doNotTrack: true,
  applyOnForward: true,
  types: ["Ingress"],
  ingress: [{ action: "Allow" }],
});

/** A NodePort packet (the worker's public address, 30080) DNATed to the pod's 8080. */
const NODEPORT: Partial<ExplainQuery> = {
  port: 30080,
  dnat: { endpointId: POD, port: 8080 },
};

function run(idx: MatchIndex, q: Partial<ExplainQuery>): Explanation {
  return explainFrom({ endpointId: HEP, peerIp: CLIENT }, idx, q);
}

const stageSteps = (e: Explanation) =>
  e.trace.flatMap((s) => (s.kind === "stage" ? [`${s.stage} ${s.endpoint}: ${s.message}`] : []));
const ruleStep = (e: Explanation, policy: string): Extract<TraceStep, { kind: "rule" }> | undefined =>
  e.trace.find((s): s is Extract<TraceStep, { kind: "rule" }> => s.kind === "rule" && s.policy === policy);

describe("explain: a Service packet DNATed to a pod", () => {
  it("walks the host endpoint's untracked, preDNAT and forward stages, then the pod's ingress policy", () => {
    const e = run(cluster(), NODEPORT);
    expect(stageSteps(e)).toEqual([
      `untracked ${HEP}: untracked policy (doNotTrack, raw table, before conntrack and DNAT) of host endpoint w1-public: destination ${WORKER_PUBLIC_IP}:30080`,
      `preDNAT ${HEP}: pre-DNAT policy (mangle PREROUTING, before DNAT) of host endpoint w1-public: destination ${WORKER_PUBLIC_IP}:30080`,
      `forward ${HEP}: forward policy (applyOnForward, filter FORWARD, traffic routed through the host) of host endpoint w1-public: destination ${POD_IP}:8080`,
      `normal ${POD}: ingress policy of pod shop/web-1 (its workload endpoint's chain, after DNAT): destination ${POD_IP}:8080`,
    ]);
    expect(e.trace).toContainEqual({
      kind: "dnat",
      stage: "forward",
      endpoint: HEP,
      message: `kube-proxy DNAT (nat PREROUTING): ${WORKER_PUBLIC_IP}:30080 -> ${POD_IP}:8080, pod shop/web-1; from here on rules see the pod as the destination`,
    });
    // No forward policy and no pod policy: the forward default allows, then the namespace profile.
    expect(e.trace).toContainEqual({
      kind: "default",
      stage: "forward",
      endpoint: HEP,
      message: "no applyOnForward policy applies: forwarded traffic is allowed by default; on to the pod's own policy",
    });
    expect(e.verdict).toBe("allow");
    expect(e.decidedBy).toMatchObject({ kind: "profile", profile: "kns.shop", endpoint: POD });
    expect(e.summary).toBe(`Allowed by profile kns.shop (normal stage of pod shop/web-1)`);
  });

  it("a forward Allow on the host endpoint does not overrule the pod's policy", () => {
    const allowPods = forwardPolicy("allow-node-port-dnat", [
      { action: "Allow", destination: { nets: ["172.30.0.0/16"] } },
    ]);
    const onlyFriends = np("only-friends", {
      selector: "app == 'web'",
      ingress: [{ action: "Allow", source: { nets: ["198.51.100.0/24"] } }],
    });
    const e = run(cluster(allowPods, onlyFriends), NODEPORT);
    expect(ruleStep(e, "GlobalNetworkPolicy//allow-node-port-dnat")).toMatchObject({ matched: true, endpoint: HEP });
    expect(e.verdict).toBe("deny");
    expect(e.decidedBy).toMatchObject({ kind: "end-of-tier", stage: "normal", endpoint: POD });
    expect(e.summary).toBe(
      `Denied at the end of tier default (normal stage of pod shop/web-1): no policy in it decided`,
    );
    const friend = run(cluster(allowPods, onlyFriends), {
      ...NODEPORT,
      peer: { ip: "198.51.100.9" },
    });
    expect(friend.decidedBy).toMatchObject({
      policy: "NetworkPolicy/shop/only-friends",
      endpoint: POD,
      action: "Allow",
    });
  });

  it("forward and pod rules match the pod's labels, namespace labels, named ports and network sets", () => {
    const cases: [string, Ingress][] = [
      ["pod labels", [{ action: "Allow", destination: { selector: "app == 'web'" } }]],
      ["namespace profile labels", [{ action: "Allow", destination: { selector: "pcns.team == 'shop'" } }]],
      ["named port", [{ action: "Allow", protocol: "TCP", destination: { ports: ["http"] } }]],
      ["network set", [{ action: "Allow", destination: { selector: "net == 'pods'" } }]],
    ];
    for (const [what, ingress] of cases) {
      const e = run(cluster(forwardPolicy("fwd", ingress)), NODEPORT);
      expect(ruleStep(e, "GlobalNetworkPolicy//fwd"), what).toMatchObject({ stage: "forward", matched: true });
    }
    // The host endpoint's own labels and port are no longer the destination's.
    const hepSide: Ingress[] = [
      [{ action: "Allow", destination: { selector: "ibm.role == 'worker_public'" } }],
      [{ action: "Allow", protocol: "TCP", destination: { ports: [30080] } }],
    ];
    for (const ingress of hepSide) {
      const e = run(cluster(forwardPolicy("fwd", ingress)), NODEPORT);
      expect(ruleStep(e, "GlobalNetworkPolicy//fwd")).toMatchObject({ stage: "forward", matched: false });
      expect(e.decidedBy).toMatchObject({ kind: "end-of-tier", stage: "forward", endpoint: HEP });
    }
  });

  it("before DNAT the destination is whoever owns the original address: the node for a NodePort, nobody for a LB IP", () => {
    const preDnat = (destination: NonNullable<PolicyLike["spec"]["ingress"]>[number]["destination"]) =>
      gnp("pre", {
        selector: "ibm.role == 'worker_public'",
        preDNAT: true,
        applyOnForward: true,
        types: ["Ingress"],
        ingress: [{ action: "Deny", destination }],
      });
    const toWorkers = preDnat({ selector: "ibm.role == 'worker_public'" });
    expect(run(cluster(toWorkers), NODEPORT).decidedBy).toMatchObject({
      stage: "preDNAT",
      policy: "GlobalNetworkPolicy//pre",
    });
    const viaLb = { ...NODEPORT, port: 80, preDnat: { ip: LB_IP } };
    const lb = run(cluster(toWorkers), viaLb);
    expect(ruleStep(lb, "GlobalNetworkPolicy//pre")).toMatchObject({ matched: false });
    expect(ruleStep(lb, "GlobalNetworkPolicy//pre")?.message).toContain(`destination ${LB_IP} does not match`);
    // The pod is not the destination yet.
    const toPods = preDnat({ selector: "app == 'web'" });
    expect(ruleStep(run(cluster(toPods), NODEPORT), "GlobalNetworkPolicy//pre")).toMatchObject({ matched: false });
    expect(run(cluster(preDnat({ ports: [30080] })), NODEPORT).verdict).toBe("deny");
    expect(run(cluster(preDnat({ ports: [8080] })), NODEPORT).verdict).toBe("allow");
  });

  it("a preDNAT Allow skips the host endpoint's forward stage, never the pod's policy", () => {
    const allowlist = gnp("allowlist", {
      selector: "ibm.role == 'worker_public'",
      preDNAT: true,
      applyOnForward: true,
      types: ["Ingress"],
      ingress: [{ action: "Allow", source: { nets: [`${CLIENT}/32`] } }],
    });
    const denyForward = forwardPolicy("deny-forward", [{ action: "Deny" }]);
    const denyPod = np("deny-web", { selector: "app == 'web'", ingress: [{ action: "Deny" }] });
    const skipped = run(cluster(allowlist, denyForward), NODEPORT);
    expect(skipped.verdict).toBe("allow");
    expect(skipped.trace.some((s) => s.kind === "policy" && s.policy === "GlobalNetworkPolicy//deny-forward")).toBe(
      false,
    );
    expect(skipped.trace).toContainEqual(
      expect.objectContaining({
        kind: "note",
        stage: "forward",
        message: expect.stringContaining("forward policy is skipped"),
      }),
    );
    const pod = run(cluster(allowlist, denyForward, denyPod), NODEPORT);
    expect(pod.decidedBy).toMatchObject({ policy: "NetworkPolicy/shop/deny-web", action: "Deny", endpoint: POD });
  });

  it("an untracked Allow keeps the packet from being DNATed, and says so", () => {
    const e = run(
      cluster(RAW_ALLOW, np("deny-web", { selector: "app == 'web'", ingress: [{ action: "Deny" }] })),
      NODEPORT,
    );
    expect(e.verdict).toBe("allow");
    expect(e.decidedBy).toMatchObject({ kind: "note", stage: "untracked", endpoint: HEP });
    expect(e.decidedBy.kind === "note" && e.decidedBy.message).toContain("DNAT (nat table) does not happen");
  });

  it("failsafe ports only skip the untracked and preDNAT stages of a forwarded packet", () => {
    const denyAll = gnp("deny-all-pre", {
      selector: "ibm.role == 'worker_public'",
      preDNAT: true,
      applyOnForward: true,
      types: ["Ingress"],
      ingress: [{ action: "Deny" }],
    });
    const denyPod = np("deny-web", { selector: "app == 'web'", ingress: [{ action: "Deny" }] });
    const ssh = { port: 22, dnat: { endpointId: POD, port: 22 } };
    const open = run(cluster(denyAll), ssh);
    expect(open.trace[1]).toMatchObject({ kind: "failsafe", endpoint: HEP });
    expect(open.trace.some((s) => s.kind === "stage" && s.stage === "preDNAT")).toBe(false);
    expect(open.verdict).toBe("allow");
    expect(run(cluster(denyAll, denyPod), ssh).decidedBy).toMatchObject({ policy: "NetworkPolicy/shop/deny-web" });
    // Not forwarded: failsafe decides.
    expect(run(cluster(denyAll, denyPod), { port: 22 }).decidedBy.kind).toBe("failsafe");
  });

  it("when the pod is on another node, its policy sees the masqueraded source, the host endpoint the client", () => {
    const fromClient = forwardPolicy("from-client", [{ action: "Allow", source: { nets: [`${CLIENT}/32`] } }]);
    // A global policy: a namespaced one's source selector would only see its own namespace.
    const fromPrivate = gnp("from-workers", {
      selector: "app == 'web'",
      ingress: [{ action: "Allow", source: { selector: "ibm.role == 'worker_private'" } }],
    });
    const idx = cluster(fromClient, fromPrivate);
    idx.upsertEndpoint(
      workloadEndpointFromPod({
        metadata: { name: "web-2", namespace: "shop", labels: { app: "web" } },
        spec: { nodeName: "10.176.48.107" },
        status: { podIPs: [{ ip: "172.30.1.5" }] },
      }),
    );
    const remote = { endpointId: "wep/shop/web-2", port: 8080 };
    const via = "the node's InternalIP";
    const masq = { ...NODEPORT, dnat: { ...remote, masquerade: { ip: "10.176.48.107", via } } };
    const e = run(idx, masq);
    expect(ruleStep(e, "GlobalNetworkPolicy//from-client")).toMatchObject({ matched: true });
    expect(e.decidedBy).toMatchObject({
      policy: "GlobalNetworkPolicy//from-workers",
      action: "Allow",
      endpoint: "wep/shop/web-2",
    });
    expect(e.trace).toContainEqual(
      expect.objectContaining({
        kind: "note",
        endpoint: "wep/shop/web-2",
        message: expect.stringContaining(`see source 10.176.48.107 (${via})`),
      }),
    );
    // Without masquerading the pod sees the client, which is no worker.
    expect(run(idx, { ...NODEPORT, dnat: remote }).verdict).toBe("deny");
    // A masquerade address explain does not know: the pod's source rule cannot be decided.
    const tunnel = run(idx, { ...NODEPORT, dnat: { ...remote, masquerade: { via: "the IPIP tunnel address" } } });
    expect(tunnel.verdict).toBe("undetermined");
    expect(tunnel.decidedBy).toMatchObject({ kind: "undetermined", endpoint: "wep/shop/web-2" });
    expect(tunnel.decidedBy.message).toContain("masqueraded to the IPIP tunnel address");
  });

  it("names the field of a bad DNAT target", () => {
    const q = { endpointId: HEP, direction: "ingress", peer: { ip: CLIENT }, protocol: "TCP", port: 30080 } as const;
    expect(explain(cluster(), { ...q, dnat: { endpointId: "wep/shop/nope" } })).toEqual({
      ok: false,
      error: { field: "dnat.endpointId", message: "no endpoint wep/shop/nope" },
    });
    expect(explain(cluster(), { ...q, dnat: { endpointId: HEP } })).toMatchObject({
      ok: false,
      error: { field: "dnat.endpointId" },
    });
    expect(explain(cluster(), { ...q, direction: "egress", dnat: { endpointId: POD } })).toMatchObject({
      ok: false,
      error: { field: "dnat" },
    });
    expect(explain(cluster(), { ...q, endpointId: POD, dnat: { endpointId: POD } })).toMatchObject({
      ok: false,
      error: { field: "dnat" },
    });
    expect(explain(cluster(), { ...q, dnat: { endpointId: POD, masquerade: { ip: "10.1", via: "x" } } })).toMatchObject(
      {
        ok: false,
        error: { field: "dnat.masquerade.ip", message: "not an IP address: 10.1" },
      },
    );
  });

  it("a packet routed through the host endpoint to a pod's own address meets the pod's policy too, without DNAT", () => {
    const denyPod = np("deny-web", { selector: "app == 'web'", ingress: [{ action: "Deny" }] });
    const routed = { port: 8080, localIp: POD_IP, forwarded: true };
    const e = run(cluster(denyPod), routed);
    expect(e.trace.some((s) => s.kind === "dnat")).toBe(false);
    expect(stageSteps(e).at(-1)).toBe(
      `normal ${POD}: ingress policy of pod shop/web-1 (its workload endpoint's chain): destination ${POD_IP}:8080`,
    );
    expect(e.decidedBy).toMatchObject({ policy: "NetworkPolicy/shop/deny-web", endpoint: POD });
    // An untracked Allow skips the preDNAT and forward stages, not the pod's policy (and without DNAT it is no
    // reason to stop).
    const untracked = run(cluster(RAW_ALLOW, denyPod), routed);
    expect(untracked.trace.flatMap((s) => (s.kind === "note" ? [s.stage] : []))).toEqual(["preDNAT", "forward"]);
    expect(untracked.decidedBy).toMatchObject({ policy: "NetworkPolicy/shop/deny-web", endpoint: POD });
    // Not forwarded, or to an address no pod owns: the host endpoint decides alone.
    expect(run(cluster(denyPod), { port: 8080, localIp: "172.30.9.9", forwarded: true }).verdict).toBe("allow");
  });

  it("a workload endpoint's own walk names its direction", () => {
    const e = run(cluster(), { endpointId: POD, direction: "egress", peer: { ip: CLIENT }, port: 443 });
    expect(stageSteps(e)).toEqual([
      `normal ${POD}: egress policy of pod shop/web-1 (its workload endpoint's chain): destination ${CLIENT}:443`,
    ]);
  });
});
