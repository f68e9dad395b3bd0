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
