import { describe, expect, it } from "vitest";
import { hostEndpoint, workloadEndpointFromPod } from "../endpoints/endpoint";
import type { MatchIndex } from "../endpoints/match-index";
import type { ExplainOptions, Explanation, FabricLeg, FabricRoute } from "./query";
import { explainFrom, gnp, indexWith } from "./testing";

// Issue 17, the honesty rule for tunnels: the caller says which interface Calico's route between two nodes uses
// (`ExplainOptions.fabric`); explain picks the host endpoint governing it as Felix does
// (felix/dataplane/linux/endpoint_mgr.go resolveHostEndpoints: the alphabetically first whose interfaceName is the
// interface's, or with none whose expectedIPs hold one of its addresses; none, the `*` host endpoint), and is
// undetermined where that depends on an address it is not told.
const WEB1 = "wep/shop/web-1";
const WEB2 = "wep/shop/web-2";

/** web-1 on n1 and web-2 on n2; on n2 the host endpoints given as [name, interfaceName, expectedIPs]. */
function cluster(heps: readonly (readonly [string, string | undefined, readonly string[]])[]): MatchIndex {
  return indexWith(
    (idx) => {
      idx.upsertNamespace({ metadata: { name: "shop" } });
      for (const [name, node, ip] of [
        ["web-1", "n1", "172.16.1.5"],
        ["web-2", "n2", "172.16.2.5"],
      ] as const) {
        idx.upsertEndpoint(
          workloadEndpointFromPod({
            metadata: { name, namespace: "shop", labels: { app: "web" } },
            spec: { nodeName: node, containers: [] },
            status: { podIPs: [{ ip }] },
          }),
        );
      }
      for (const [name, iface, ips] of heps) {
        idx.upsertEndpoint(
          hostEndpoint({
            metadata: { name, labels: { hep: name } },
            spec: { node: "n2", ...(iface === undefined ? {} : { interfaceName: iface }), expectedIPs: [...ips] },
          }),
        );
      }
    },
    // Forward ingress policy denying on every host endpoint of n2.
    [
      gnp("deny-forward", {
        selector: "has(hep)",
        applyOnForward: true,
        types: ["Ingress"],
        ingress: [{ action: "Deny" }],
      }),
    ],
  );
}

/** web-1 -> web-2, with the route the caller's `fabric` gives for the leg arriving at n2. */
function run(idx: MatchIndex, arriving: FabricRoute): { e: Explanation; legs: FabricLeg[] } {
  const legs: FabricLeg[] = [];
  const options: ExplainOptions = {
    fabric: (leg) => {
      legs.push(leg);
      return leg.node === "n2" ? arriving : undefined;
    },
  };
  const e = explainFrom({ endpointId: WEB1, peerIp: "172.16.2.5" }, idx, { direction: "egress", port: 80 }, options);
  return { e, legs };
}

const TUNL0_UNKNOWN: FabricRoute = { interface: { name: "tunl0", via: "tunl0 (address not recorded)" } };
const TUNL0_KNOWN: FabricRoute = { interface: { name: "tunl0", ips: ["172.16.2.1"], via: "tunl0" } };

describe("the host endpoint governing a fabric interface (resolveHostEndpoints)", () => {
  it("asks the caller for each leg between nodes, with both nodes and the destination pod's address", () => {
    const { legs } = run(cluster([]), TUNL0_KNOWN);
    expect(legs).toEqual([
      { node: "n1", direction: "egress", peerNode: "n2", podIp: "172.16.2.5" },
      { node: "n2", direction: "ingress", peerNode: "n1", podIp: "172.16.2.5" },
    ]);
  });

  it("an interfaceName match governs tunl0 even when its address is not known", () => {
    const { e } = run(cluster([["n2-tunl0", "tunl0", []]]), TUNL0_UNKNOWN);
    expect(e.verdict).toBe("deny");
    expect(e.decidedBy).toMatchObject({ kind: "rule", stage: "forward", endpoint: "hep/n2-tunl0" });
  });

  it("host endpoints named for other interfaces never govern tunl0; none left, no host endpoint does", () => {
    const { e } = run(
      cluster([
        ["n2-eth0", "eth0", ["10.0.0.2"]],
        ["n2-eth1", "eth1", ["198.51.100.2"]],
      ]),
      TUNL0_UNKNOWN,
    );
    expect(e.verdict).toBe("allow");
    expect(e.trace).toContainEqual(
      expect.objectContaining({
        kind: "note",
        message: "the packet arrives on node n2 by tunl0 (address not recorded): no host endpoint governs it",
      }),
    );
  });

  it("falls back to the `*` host endpoint (felix/rules/dispatch.go: every interface's default)", () => {
    const { e } = run(cluster([["n2-all", "*", ["10.0.0.2"]]]), TUNL0_UNKNOWN);
    expect(e.decidedBy).toMatchObject({ kind: "rule", stage: "forward", endpoint: "hep/n2-all" });
  });

  it("one without an interfaceName governs tunl0 when it expects tunl0's address, and not otherwise", () => {
    const idx = cluster([["n2-tunnel", undefined, ["172.16.2.1"]]]);
    expect(run(idx, TUNL0_KNOWN).e.decidedBy).toMatchObject({ stage: "forward", endpoint: "hep/n2-tunnel" });
    const other: FabricRoute = { interface: { name: "tunl0", ips: ["172.16.2.9"], via: "tunl0" } };
    expect(run(idx, other).e.verdict).toBe("allow");
  });

  it("is undetermined when tunl0's address is not known and one without an interfaceName has policy there", () => {
    const { e } = run(cluster([["n2-tunnel", undefined, ["172.16.2.1"]]]), TUNL0_UNKNOWN);
    expect(e.verdict).toBe("undetermined");
    expect(e.decidedBy).toMatchObject({ kind: "undetermined", stage: "forward", endpoint: WEB2 });
    expect(e.decidedBy.message).toBe(
      "the packet arrives on node n2 by tunl0 (address not recorded); the host endpoint governing it (Felix matches one without an interfaceName by its expectedIPs) could be hep/n2-tunnel, an interface with no host endpoint, and hep/n2-tunnel has untracked/preDNAT/forward ingress policy",
    );
    // The alphabetically first matching host endpoint wins: one named for tunl0 that sorts first leaves no doubt.
    const first = run(
      cluster([
        ["a-tunl0", "tunl0", []],
        ["n2-tunnel", undefined, ["172.16.2.1"]],
      ]),
      TUNL0_UNKNOWN,
    );
    expect(first.e.decidedBy).toMatchObject({ kind: "rule", endpoint: "hep/a-tunl0" });
  });

  it("a route the caller does not know is undetermined across every interface it may take", () => {
    const unknown: FabricRoute = {
      unknown: "which interface the packet arrives on node n2 by is not known (CrossSubnet, subnet not recorded)",
      interfaces: [
        { ips: ["10.0.0.2"], via: "its own interface" },
        { name: "tunl0", via: "tunl0" },
      ],
    };
    const idx = cluster([["n2-eth0", "eth0", ["10.0.0.2"]]]);
    const { e } = run(idx, unknown);
    expect(e.verdict).toBe("undetermined");
    expect(e.decidedBy.message).toContain("CrossSubnet, subnet not recorded");
    expect(e.decidedBy.message).toContain("could be hep/n2-eth0, an interface with no host endpoint");
  });

  it("an interface known only by an address no host endpoint expects leaves it to routing, as without a route", () => {
    const byAddress: FabricRoute = { interface: { ips: ["10.0.0.2"], via: "its interface holding 10.0.0.2" } };
    const idx = cluster([
      ["n2-eth0", "eth0", ["10.0.0.99"]],
      ["n2-eth1", "eth1", ["198.51.100.2"]],
    ]);
    const { e } = run(idx, byAddress);
    expect(e.verdict).toBe("undetermined");
    expect(e.decidedBy.message).toContain("depends on routing");
  });

  it("a host's own packet leaving by a tunnel device has the device's address as its source (static.go StaticNATPostroutingChains)", () => {
    const idx = cluster([]);
    idx.upsertEndpoint(
      hostEndpoint({
        metadata: { name: "n1-eth0" },
        spec: { node: "n1", interfaceName: "eth0", expectedIPs: ["10.0.0.1"] },
      }),
    );
    const r = idx.upsertPolicy(
      gnp("from-tunnel", {
        selector: "app == 'web'",
        types: ["Ingress"],
        ingress: [{ action: "Allow", source: { nets: ["172.16.1.1/32"] } }],
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    const via = (tunnel: FabricRoute): Explanation =>
      explainFrom(
        { endpointId: WEB2, peerIp: "10.0.0.1" },
        idx,
        { port: 80 },
        {
          fabric: (leg) => (leg.node === "n1" && leg.direction === "egress" ? tunnel : undefined),
        },
      );
    const known = via({ interface: { name: "tunl0", ips: ["172.16.1.1"], via: "tunl0", tunnel: true } });
    expect(known.verdict).toBe("allow");
    expect(known.decidedBy).toMatchObject({ kind: "rule", policy: "GlobalNetworkPolicy//from-tunnel" });
    const unknown = via({ interface: { name: "tunl0", via: "tunl0 (address not recorded)", tunnel: true } });
    expect(unknown.verdict).toBe("undetermined");
    expect(unknown.decidedBy.message).toContain("so its source is that device's address, which is not known");
    // By the node's own interface the host endpoint's address is the source: the rule does not match.
    expect(via({ interface: { ips: ["10.0.0.1"], via: "eth0" } }).verdict).toBe("deny");
  });
});

// Issue 17, the host's own egress by a tunnel: filter OUTPUT dispatches the host's packet to the host endpoint of the
// interface it leaves by (felix/rules/dispatch.go HostDispatchChains: `-o` per host endpoint, the `*` one as every
// other interface's default; none, no chain, so it leaves unpoliced). A host endpoint named for eth0 does not cover
// tunl0, which Calico's route to a pod's block takes under an encapsulating IPPool (felix/calc/l3_route_resolver.go).
describe("the host's own egress to a pod on another node is policed on the interface it leaves by (dispatch.go HostDispatchChains)", () => {
  /** n1's host endpoints as [name, interfaceName], each denying the host's own egress; web-2 on n2. */
  function sender(heps: readonly (readonly [string, string])[], forward = false): MatchIndex {
    return indexWith(
      (idx) => {
        idx.upsertNamespace({ metadata: { name: "shop" } });
        idx.upsertEndpoint(
          workloadEndpointFromPod({
            metadata: { name: "web-2", namespace: "shop", labels: { app: "web" } },
            spec: { nodeName: "n2", containers: [] },
            status: { podIPs: [{ ip: "172.16.2.5" }] },
          }),
        );
        for (const [name, iface] of heps) {
          idx.upsertEndpoint(
            hostEndpoint({
              metadata: { name, labels: { hep: name } },
              spec: { node: "n1", interfaceName: iface, expectedIPs: iface === "eth0" ? ["10.0.0.1"] : [] },
            }),
          );
        }
      },
      [
        gnp("deny-out", {
          selector: "has(hep)",
          ...(forward ? { applyOnForward: true } : {}),
          types: ["Egress"],
          egress: [{ action: "Deny" }],
        }),
      ],
    );
  }
  const leaving = (route: FabricRoute): ExplainOptions => ({
    fabric: (leg) => (leg.node === "n1" && leg.direction === "egress" ? route : undefined),
  });
  const TUNL0: FabricRoute = { interface: { name: "tunl0", ips: ["172.16.1.1"], via: "tunl0", tunnel: true } };
  const ETH0: FabricRoute = { interface: { ips: ["10.0.0.1"], via: "its interface holding 10.0.0.1" } };
  const hostEgress = (idx: MatchIndex, options: ExplainOptions | undefined, forwarded = false) =>
    explainFrom(
      { endpointId: "hep/n1-eth0", peerIp: "172.16.2.5" },
      idx,
      { direction: "egress", port: 80, forwarded },
      options,
    );

  it("a host endpoint named eth0 does not police a packet leaving by tunl0: no chain, it leaves unpoliced", () => {
    const e = hostEgress(sender([["n1-eth0", "eth0"]]), leaving(TUNL0));
    // web-2 has no policy: its namespace's profile admits it, so nothing on the way drops it.
    expect(e.verdict).toBe("allow");
    expect(e.trace).toContainEqual(
      expect.objectContaining({
        kind: "note",
        endpoint: "hep/n1-eth0",
        message:
          "the packet leaves node n1 by tunl0: no host endpoint governs it, so n1-eth0's policy does not apply; the encapsulated packet then leaves by the node's own interface, where Felix accepts IPIP and VXLAN to other Calico hosts before any host endpoint policy (felix/rules/static.go filterOutputChain)",
      }),
    );
    expect(e.trace).toContainEqual(
      expect.objectContaining({ kind: "default", message: expect.stringContaining("leaves unpoliced") }),
    );
    expect(e.trace.some((s) => s.kind === "rule" && s.endpoint === "hep/n1-eth0")).toBe(false);
  });

  it("by the node's own interface, the eth0 host endpoint's policy applies; without a route, the one asked about", () => {
    const idx = sender([["n1-eth0", "eth0"]]);
    for (const options of [leaving(ETH0), undefined]) {
      const e = hostEgress(idx, options);
      expect(e.verdict).toBe("deny");
      expect(e.decidedBy).toMatchObject({ kind: "rule", stage: "normal", endpoint: "hep/n1-eth0" });
    }
  });

  it('an `interfaceName: "*"` host endpoint covers tunl0 (endpoint_mgr.go: the all-interfaces default)', () => {
    const e = hostEgress(
      sender([
        ["n1-all", "*"],
        ["n1-eth0", "eth0"],
      ]),
      leaving(TUNL0),
    );
    expect(e.verdict).toBe("deny");
    expect(e.decidedBy).toMatchObject({ kind: "rule", stage: "normal", endpoint: "hep/n1-all" });
    expect(e.trace).toContainEqual(
      expect.objectContaining({
        kind: "note",
        message: expect.stringContaining("host endpoint n1-all governs it, so its policy applies, not n1-eth0's"),
      }),
    );
    // A host endpoint named for tunl0 governs it before the `*` one.
    const named = hostEgress(
      sender([
        ["n1-all", "*"],
        ["n1-eth0", "eth0"],
        ["n1-tunl0", "tunl0"],
      ]),
      leaving(TUNL0),
    );
    expect(named.decidedBy).toMatchObject({ kind: "rule", endpoint: "hep/n1-tunl0" });
  });

  it("asked at the pod's ingress, the sending node's egress comes first, on the interface the packet leaves by", () => {
    const idx = sender([["n1-eth0", "eth0"]]);
    const atPod = (route: FabricRoute) =>
      explainFrom({ endpointId: WEB2, peerIp: "10.0.0.1" }, idx, { port: 80 }, leaving(route));
    expect(atPod(ETH0).decidedBy).toMatchObject({ kind: "rule", stage: "normal", endpoint: "hep/n1-eth0" });
    const byTunnel = atPod(TUNL0);
    expect(byTunnel.verdict).toBe("allow");
    expect(byTunnel.trace.some((s) => s.kind === "rule" && s.endpoint === "hep/n1-eth0")).toBe(false);
  });

  it("is undetermined when the route may leave by tunl0 or the node's own interface, governed differently", () => {
    const unknown: FabricRoute = {
      unknown: "which interface the packet leaves node n1 by is not known (CrossSubnet, subnet not recorded)",
      interfaces: [ETH0.interface, TUNL0.interface],
    };
    const e = hostEgress(sender([["n1-eth0", "eth0"]]), leaving(unknown));
    expect(e.verdict).toBe("undetermined");
    expect(e.decidedBy).toMatchObject({ kind: "undetermined", stage: "normal", endpoint: "hep/n1-eth0" });
    expect(e.decidedBy.message).toContain("CrossSubnet, subnet not recorded");
    expect(e.decidedBy.message).toContain("could be hep/n1-eth0, an interface with no host endpoint");
  });

  it("forwarded traffic leaving by tunl0 meets the applyOnForward egress policy of tunl0's host endpoint, not eth0's (docs: Apply on forwarded traffic)", () => {
    const idx = sender([["n1-eth0", "eth0"]], true);
    const byTunnel = hostEgress(idx, leaving(TUNL0), true);
    expect(byTunnel.verdict).toBe("allow");
    expect(byTunnel.trace).toContainEqual(
      expect.objectContaining({
        kind: "default",
        stage: "forward",
        message: expect.stringContaining("no applyOnForward egress policy applies"),
      }),
    );
    expect(hostEgress(idx, leaving(ETH0), true).decidedBy).toMatchObject({
      kind: "rule",
      stage: "forward",
      endpoint: "hep/n1-eth0",
    });
    const all = hostEgress(
      sender(
        [
          ["n1-all", "*"],
          ["n1-eth0", "eth0"],
        ],
        true,
      ),
      leaving(TUNL0),
      true,
    );
    expect(all.decidedBy).toMatchObject({ kind: "rule", stage: "forward", endpoint: "hep/n1-all" });
  });
});
