import { describe, expect, it } from "vitest";
import { parseEndpointId, policyKeysOf } from "./queries";

const applied = (key: string) => ({
  key,
  kind: "GlobalNetworkPolicy",
  name: key,
  tier: "default",
  order: 1,
  directions: ["Ingress" as const],
  staged: false,
});

describe("endpoint ids", () => {
  it("parses host and workload endpoint ids and rejects anything else", () => {
    expect(parseEndpointId("hep/node1-eth1")).toEqual({ kind: "hep", name: "node1-eth1" });
    expect(parseEndpointId("wep/shop/web-0")).toEqual({ kind: "wep", namespace: "shop", name: "web-0" });
    expect(parseEndpointId("node1-eth1")).toBeUndefined();
    expect(parseEndpointId("wep/shop")).toBeUndefined();
    expect(parseEndpointId("hep/a/b")).toBeUndefined();
  });
  it("collects the policy keys of every stage", () => {
    const keys = policyKeysOf({
      untracked: [],
      preDNAT: [applied("a")],
      normal: [applied("b"), applied("a")],
      forward: [applied("c")],
    });
    expect([...keys].sort()).toEqual(["a", "b", "c"]);
  });
});
