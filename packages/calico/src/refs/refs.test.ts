import { describe, expect, it } from "vitest";
import {
  endpointIdLabel,
  keyLabel,
  parseEndpointId,
  parseResourceKey,
  refLabel,
  resourceKey,
  workloadEndpointId,
} from "./refs";

describe("resource keys", () => {
  it("joins kind, namespace and name, and reads them back", () => {
    expect(resourceKey({ kind: "GlobalNetworkPolicy", name: "a" })).toBe("GlobalNetworkPolicy//a");
    expect(resourceKey({ kind: "NetworkPolicy", name: "a", namespace: "ns" })).toBe("NetworkPolicy/ns/a");
    expect(parseResourceKey("GlobalNetworkPolicy//a")).toEqual({ kind: "GlobalNetworkPolicy", name: "a" });
    expect(parseResourceKey("GlobalNetworkPolicy/a")).toEqual({ kind: "GlobalNetworkPolicy", name: "a" });
    expect(parseResourceKey("NetworkPolicy/ns/a")).toEqual({ kind: "NetworkPolicy", namespace: "ns", name: "a" });
    for (const bad of ["", "NetworkPolicy", "NetworkPolicy/ns/", "/ns/a", "a/b/c/d"]) {
      expect(parseResourceKey(bad), bad).toBeUndefined();
    }
  });

  it("labels refs and keys for people", () => {
    expect(refLabel({ kind: "GlobalNetworkPolicy", name: "allow-icmp" })).toBe("GlobalNetworkPolicy allow-icmp");
    expect(refLabel({ kind: "NetworkPolicy", name: "web", namespace: "shop" })).toBe("NetworkPolicy shop/web");
    expect(refLabel({ kind: "GlobalNetworkPolicy", name: "x", namespace: "" })).toBe("GlobalNetworkPolicy x");
    expect(keyLabel("NetworkPolicy/shop/web")).toBe("NetworkPolicy shop/web");
    expect(keyLabel("not a key")).toBe("not a key");
  });
});

describe("endpoint ids", () => {
  it("parses host and workload endpoint ids and rejects anything else", () => {
    expect(parseEndpointId("hep/node1-eth1")).toEqual({ kind: "hep", name: "node1-eth1" });
    expect(parseEndpointId(workloadEndpointId("shop", "web-0"))).toEqual({
      kind: "wep",
      namespace: "shop",
      name: "web-0",
    });
    expect(parseEndpointId("node1-eth1")).toBeUndefined();
    expect(parseEndpointId("wep/shop")).toBeUndefined();
    expect(parseEndpointId("hep/a/b")).toBeUndefined();
  });

  it("labels endpoint ids for people", () => {
    expect(endpointIdLabel("hep/w1-public")).toBe("host endpoint w1-public");
    expect(endpointIdLabel("wep/shop/web-0")).toBe("pod shop/web-0");
    expect(endpointIdLabel("203.0.113.7")).toBe("203.0.113.7");
  });
});
