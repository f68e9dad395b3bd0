import { describe, expect, it } from "vitest";
import { withCalicoNodes } from "./calico-node";

describe("the demo as on an etcd datastore (calicoNodes)", () => {
  it("moves each Node's Calico address annotations to a Calico Node of its name, in the storage's group", () => {
    const node = {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: "n1",
        annotations: {
          "projectcalico.org/IPv4Address": "10.0.0.1/26",
          "projectcalico.org/IPv4IPIPTunnelAddr": "172.30.0.0",
          "node.alpha.kubernetes.io/ttl": "0",
        },
      },
    };
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" } };
    expect(withCalicoNodes([node, pod], "v1")).toEqual([
      { ...node, metadata: { name: "n1", annotations: { "node.alpha.kubernetes.io/ttl": "0" } } },
      {
        apiVersion: "crd.projectcalico.org/v1",
        kind: "Node",
        metadata: { name: "n1" },
        spec: { bgp: { ipv4Address: "10.0.0.1/26", ipv4IPIPTunnelAddr: "172.30.0.0" } },
      },
      pod,
    ]);
    const bare = { ...node, metadata: { name: "n2" } };
    expect(withCalicoNodes([bare], "v3")).toEqual([bare]);
  });
});
