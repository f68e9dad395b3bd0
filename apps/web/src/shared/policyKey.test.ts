import { describe, expect, it } from "vitest";
import { parsePolicyKey, policyPath } from "./policyKey";

describe("policy keys and paths", () => {
  it("parses global and namespaced keys and rejects malformed ones", () => {
    expect(parsePolicyKey("GlobalNetworkPolicy/allow-icmp")).toEqual({
      kind: "GlobalNetworkPolicy",
      name: "allow-icmp",
    });
    expect(parsePolicyKey("NetworkPolicy/shop/web")).toEqual({ kind: "NetworkPolicy", namespace: "shop", name: "web" });
    expect(parsePolicyKey("GlobalNetworkPolicy//allow-icmp")).toEqual({
      kind: "GlobalNetworkPolicy",
      name: "allow-icmp",
    });
    expect(parsePolicyKey("Pod/x")).toBeUndefined();
    expect(parsePolicyKey("NetworkPolicy/")).toBeUndefined();
  });
  it("puts the namespace in the query string and escapes names", () => {
    expect(policyPath("demo", { kind: "GlobalNetworkPolicy", name: "a b" })).toBe(
      "/c/demo/policies/GlobalNetworkPolicy/a%20b",
    );
    expect(policyPath("demo", { kind: "NetworkPolicy", name: "web", namespace: "shop" })).toBe(
      "/c/demo/policies/NetworkPolicy/web?namespace=shop",
    );
  });
});
