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

  it("tells the connectivity diff what a route takes from a pod's address: its family and IPPool", () => {
    const r = routes({ vxlanMode: "Always" });
    expect(r.routeClass(POD)).toBe("6/v6-pool");
    expect(r.routeClass("fd00:10::9")).toBe(r.routeClass(POD));
    expect(r.routeClass("fd00:99::1")).toBe("6/");
  });
});

describe("peer classes for the connectivity diff (issue 17 item 5)", () => {
  const V6 = "projectcalico.org/IPv6Address";
  const nodes = [
    node("n1", "10.0.0.1", "fd00:1::1", {
      [V6]: "fd00:1::1/64",
      "projectcalico.org/IPv6VXLANTunnelAddr": "fd00:10::1",
    }),
    node("n2", "10.0.0.2", "fd00:1::2", {
      [V6]: "fd00:1::2/64",
      "projectcalico.org/IPv6VXLANTunnelAddr": "fd00:10::2",
    }),
    node("n3", "10.0.0.3", "fd00:2::3", {
      [V6]: "fd00:2::3/64",
      "projectcalico.org/IPv6VXLANTunnelAddr": "fd00:10::3",
    }),
    node("n4", "10.0.0.4", "fd00:1::4", { [V6]: "fd00:1::4/64" }),
    node("n5", "10.0.0.5", "fd00:1::5"),
  ];
  const r = new PodRoutes({
    objects: (resource) =>
      resource === "Node" ? nodes : resource === "IPPool" ? [pool({ vxlanMode: "CrossSubnet" })] : [],
    servedType: (resource) => (resource === "IPPool" ? ({} as ReturnType<Cluster["servedType"]>) : undefined),
  });
  const names = nodes.map((n) => n.metadata.name);

  it("one class for nodes of one subnet with their addresses recorded alike, others apart", () => {
    expect(r.peerClass("n1")).toBe(r.peerClass("n2"));
    for (const other of ["n3", "n4", "n5"]) expect(r.peerClass(other)).not.toBe(r.peerClass("n1"));
  });

  it("a leg's answer takes from its other node only the class: every node's legs to peers of one class agree", () => {
    const shape = (a: ReturnType<PodRoutes["fabric"]>) =>
      JSON.stringify(a, (k, v) => (k === "via" || k === "unknown" ? undefined : v));
    let compared = 0;
    for (const at of names) {
      for (const direction of ["egress", "ingress"] as const) {
        for (const p of names) {
          for (const q of names) {
            if (at === p || at === q || p === q || r.peerClass(p) !== r.peerClass(q)) continue;
            const leg = (peerNode: string) => r.fabric({ node: at, direction, peerNode, podIp: POD });
            expect(shape(leg(p)), `${at} ${direction} ${p}/${q}`).toBe(shape(leg(q)));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});

// Calico's own Node resource holds the same addresses where the Kubernetes Node carries no annotation for them (an
// etcd datastore, or nodes calicoctl manages): Felix's route resolver reads the Calico Node's spec.bgp.ipv4Address,
// spec.bgp.ipv6Address, spec.bgp.ipv4IPIPTunnelAddr, spec.ipv4VXLANTunnelAddr and spec.ipv6VXLANTunnelAddr
// (felix/calc/l3_route_resolver.go OnResourceUpdate), which on a Kubernetes datastore libcalico-go fills from the
// annotations (lib/backend/k8s/resources/node.go K8sNodeToCalico). Issue 17 leftover 3.
describe("addresses from Calico Node resources where the Node has no annotation", () => {
  const calicoNode = (name: string, spec: Record<string, unknown>): KubeObject => ({
    apiVersion: "projectcalico.org/v3",
    kind: "Node",
    metadata: { name },
    spec,
  });
  const POD4 = "10.244.1.5";
  function v4routes(
    poolSpec: Record<string, unknown>,
    calicoNodes: KubeObject[] | "not served",
    annotations: Record<string, Record<string, string>> = {},
  ): PodRoutes {
    const objects: Record<string, KubeObject[]> = {
      Node: [node("n1", "10.0.0.1", "fd00:1::1", annotations.n1), node("n2", "10.0.1.2", "fd00:2::2", annotations.n2)],
      IPPool: [{ ...pool({ cidr: "10.244.0.0/16", ...poolSpec }), metadata: { name: "v4-pool" } }],
      CalicoNode: calicoNodes === "not served" ? [] : calicoNodes,
    };
    const served = calicoNodes === "not served" ? ["IPPool"] : ["IPPool", "CalicoNode"];
    return new PodRoutes({
      objects: (resource) => objects[resource] ?? [],
      servedType: (resource) => (served.includes(resource) ? ({} as ReturnType<Cluster["servedType"]>) : undefined),
    });
  }
  const egress = { node: "n1", direction: "egress", peerNode: "n2", podIp: POD4 } as const;

  it("ipipMode Always: tunl0's address from the Calico Node's spec.bgp.ipv4IPIPTunnelAddr, named as such", () => {
    const r = v4routes({ ipipMode: "Always" }, [calicoNode("n1", { bgp: { ipv4IPIPTunnelAddr: "10.244.0.1" } })]);
    expect(r.route("n1", "n2", POD4)).toMatchObject({
      kind: "tunnel",
      tunnel: { device: "tunl0", address: "10.244.0.1", source: "its Calico Node's spec.bgp.ipv4IPIPTunnelAddr" },
    });
    expect(r.fabric(egress)).toEqual({
      interface: {
        tunnel: true,
        name: "tunl0",
        ips: ["10.244.0.1"],
        via: "tunl0, address 10.244.0.1 from its Calico Node's spec.bgp.ipv4IPIPTunnelAddr (IPPool v4-pool ipipMode Always)",
      },
    });
  });

  it("the Node's annotation, where present, is read first (on a Kubernetes datastore the two agree)", () => {
    const r = v4routes({ ipipMode: "Always" }, [calicoNode("n1", { bgp: { ipv4IPIPTunnelAddr: "10.244.0.9" } })], {
      n1: { "projectcalico.org/IPv4IPIPTunnelAddr": "10.244.0.1" },
    });
    expect(r.route("n1", "n2", POD4)).toEqual({
      kind: "tunnel",
      tunnel: { mode: "IPIP", device: "tunl0", address: "10.244.0.1" },
      why: "IPPool v4-pool ipipMode Always",
    });
  });

  it("VXLAN, IPv4 and IPv6: spec.ipv4VXLANTunnelAddr and spec.ipv6VXLANTunnelAddr", () => {
    const spec = { ipv4VXLANTunnelAddr: "10.244.0.2", ipv6VXLANTunnelAddr: "fd00:10::2" };
    const v4 = v4routes({ vxlanMode: "Always" }, [calicoNode("n1", spec)]);
    expect(v4.route("n1", "n2", POD4)).toMatchObject({
      tunnel: { device: "vxlan.calico", address: "10.244.0.2", source: "its Calico Node's spec.ipv4VXLANTunnelAddr" },
    });
    const v6 = new PodRoutes({
      objects: (resource) =>
        ({
          Node: [node("n1", "10.0.0.1", "fd00:1::1"), node("n2", "10.0.1.2", "fd00:2::2")],
          IPPool: [pool({ vxlanMode: "Always" })],
          CalicoNode: [calicoNode("n1", spec)],
        })[resource] ?? [],
      servedType: () => ({}) as ReturnType<Cluster["servedType"]>,
    });
    expect(v6.route("n1", "n2", POD)).toMatchObject({
      tunnel: {
        device: "vxlan-v6.calico",
        address: "fd00:10::2",
        source: "its Calico Node's spec.ipv6VXLANTunnelAddr",
      },
    });
  });

  it("CrossSubnet: the subnet and the remote address from the Calico Nodes' spec.bgp.ipv4Address", () => {
    const nodes = (n1: string) => [
      calicoNode("n1", { bgp: { ipv4Address: n1 } }),
      calicoNode("n2", { bgp: { ipv4Address: "10.0.1.2/16" } }),
    ];
    expect(v4routes({ ipipMode: "CrossSubnet" }, nodes("10.0.0.1/16")).route("n1", "n2", POD4)).toEqual({
      kind: "direct",
      why: "IPPool v4-pool ipipMode CrossSubnet, and node n2 (10.0.1.2 from its Calico Node's spec.bgp.ipv4Address) is in node n1's subnet 10.0.0.1/16 from its Calico Node's spec.bgp.ipv4Address",
    });
    expect(v4routes({ ipipMode: "CrossSubnet" }, nodes("10.0.0.1/24")).route("n1", "n2", POD4)).toMatchObject({
      kind: "tunnel",
      why: expect.stringContaining("is outside node n1's subnet 10.0.0.1/24 from its Calico Node"),
    });
  });

  it("neither recorded: the trace says both were looked at; Calico Nodes not served: as before, the Node alone", () => {
    const unrecorded = (r: PodRoutes) => {
      const answer = r.fabric(egress);
      return answer !== undefined && "interface" in answer ? answer.interface?.via : undefined;
    };
    expect(unrecorded(v4routes({ ipipMode: "Always" }, [calicoNode("n1", {})]))).toBe(
      "tunl0, whose address (node n1's IPIP tunnel address) neither its Node nor its Calico Node records (IPPool v4-pool ipipMode Always)",
    );
    const absent = v4routes({ ipipMode: "Always" }, "not served");
    expect(unrecorded(absent)).toBe(
      "tunl0, whose address (node n1's IPIP tunnel address) its Node does not record (IPPool v4-pool ipipMode Always)",
    );
    expect(absent.route("n1", "n2", POD4)).toMatchObject({ tunnel: { address: undefined } });
  });
});
