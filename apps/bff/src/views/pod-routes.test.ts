import { describe, expect, it } from "vitest";
import type { Cluster } from "../clusters/cluster";
import type { KubeObject } from "../kube/resources";
import { PodRoutes } from "./pod-routes";

// Calico's routes for IPv6 pools (felix/calc/l3_route_resolver.go, the same per family): IPv6 encapsulates only by
// VXLAN, on vxlan-v6.calico (felix/dataplane/linux/dataplanedefs VXLANIfaceNameV6) with the node's
// projectcalico.org/IPv6VXLANTunnelAddr; CrossSubnet compares the nodes' IPv6 addresses (nodeInOurSubnet, ipFamily 6:
// projectcalico.org/IPv6Address); IPIP is IPv4 only (libcalico-go's validator rejects ipipMode on an IPv6 pool).
const node = (name: string, v4: string, v6: string, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name, annotations },
  status: {
    addresses: [
      { type: "InternalIP", address: v4 },
      { type: "InternalIP", address: v6 },
    ],
  },
});
const pool = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "projectcalico.org/v3",
  kind: "IPPool",
  metadata: { name: "v6-pool" },
  spec: { cidr: "fd00:10::/64", ...spec },
});
function routes(spec: Record<string, unknown>, annotations: Record<string, Record<string, string>> = {}): PodRoutes {
  const objects: Record<string, KubeObject[]> = {
    Node: [node("n1", "10.0.0.1", "fd00:1::1", annotations.n1), node("n2", "10.0.1.2", "fd00:2::2", annotations.n2)],
    IPPool: [pool(spec)],
  };
  const cluster: Pick<Cluster, "objects" | "servedType"> = {
    objects: (resource) => objects[resource] ?? [],
    servedType: (resource) => (resource === "IPPool" ? ({} as ReturnType<Cluster["servedType"]>) : undefined),
  };
  return new PodRoutes(cluster);
}
const POD = "fd00:10::5";

describe("Calico's routes to IPv6 pods (issue 17 item 4)", () => {
  it("vxlanMode Always: by vxlan-v6.calico with the node's IPv6 VXLAN tunnel address", () => {
    const r = routes({ vxlanMode: "Always" }, { n1: { "projectcalico.org/IPv6VXLANTunnelAddr": "fd00:10::1" } });
    expect(r.route("n1", "n2", POD)).toEqual({
      kind: "tunnel",
      tunnel: { mode: "IPv6 VXLAN", device: "vxlan-v6.calico", address: "fd00:10::1" },
      why: "IPPool v6-pool vxlanMode Always",
    });
    expect(r.fabric({ node: "n1", direction: "egress", peerNode: "n2", podIp: POD })).toEqual({
      interface: {
        tunnel: true,
        name: "vxlan-v6.calico",
        ips: ["fd00:10::1"],
        via: "vxlan-v6.calico, address fd00:10::1 (IPPool v6-pool vxlanMode Always)",
      },
    });
  });

  it("vxlanMode Never: by the node's own interface, known by its IPv6 InternalIP", () => {
    const r = routes({ vxlanMode: "Never" });
    expect(r.route("n1", "n2", POD)).toMatchObject({ kind: "direct" });
    expect(r.fabric({ node: "n1", direction: "egress", peerNode: "n2", podIp: POD })).toMatchObject({
      interface: { ips: ["fd00:1::1"] },
    });
  });

  it("vxlanMode CrossSubnet: by the nodes' IPv6 subnets (projectcalico.org/IPv6Address), not their IPv4 ones", () => {
    const v6 = (n1: string) => routes({ vxlanMode: "CrossSubnet" }, { n1: { "projectcalico.org/IPv6Address": n1 } });
    expect(v6("fd00::1/16").route("n1", "n2", POD)).toMatchObject({ kind: "direct" });
    expect(v6("fd00:1::1/64").route("n1", "n2", POD)).toMatchObject({
      kind: "tunnel",
      tunnel: { device: "vxlan-v6.calico", address: undefined },
    });
    // The IPv4 subnet annotation says nothing about IPv6 routes.
    const v4only = routes({ vxlanMode: "CrossSubnet" }, { n1: { "projectcalico.org/IPv4Address": "10.0.0.1/8" } });
    expect(v4only.route("n1", "n2", POD)).toMatchObject({
      kind: "unknown",
      why: expect.stringContaining("spec.bgp.ipv6Address, the projectcalico.org/IPv6Address annotation"),
    });
  });

  it("ipipMode on an IPv6 pool is not modelled: the validator rejects it", () => {
    expect(routes({ ipipMode: "Always" }).route("n1", "n2", POD)).toMatchObject({
      kind: "unknown",
      why: expect.stringContaining("IPIP is IPv4 only"),
    });
  });
});
