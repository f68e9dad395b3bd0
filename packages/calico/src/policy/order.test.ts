import { describe, expect, it } from "vitest";
import { type PolicyOrderKey, sortPolicies, type TierInfo, tierDefaultAction } from "./order";

const tiers = new Map<string, TierInfo>([
  ["default", { name: "default", order: 1_000_000 }],
  ["security", { name: "security", order: 100 }],
  ["unordered", { name: "unordered" }],
]);

const names = (ps: PolicyOrderKey[]) => ps.map((p) => `${p.tier ?? "default"}:${p.name}`);

describe("sortPolicies", () => {
  it("sorts by tier order, unordered tiers after ordered ones, missing tiers last", () => {
    const sorted = sortPolicies(
      [
        { kind: "GlobalNetworkPolicy", name: "a", tier: "ghost", order: 1 },
        { kind: "GlobalNetworkPolicy", name: "b", tier: "unordered", order: 1 },
        { kind: "GlobalNetworkPolicy", name: "c", order: 1 },
        { kind: "GlobalNetworkPolicy", name: "d", tier: "security", order: 5000 },
      ],
      tiers,
    );
    expect(names(sorted)).toEqual(["security:d", "default:c", "unordered:b", "ghost:a"]);
  });

  it("puts policies without an order last, ties broken by name, then namespace, then kind", () => {
    const sorted = sortPolicies(
      [
        { kind: "NetworkPolicy", name: "x", namespace: "b" },
        { kind: "NetworkPolicy", name: "x", namespace: "a" },
        { kind: "GlobalNetworkPolicy", name: "allow-icmp", order: 1700 },
        { kind: "GlobalNetworkPolicy", name: "allow-bigfix-port", order: 1900 },
        { kind: "GlobalNetworkPolicy", name: "allow-vrrp", order: 1600 },
        { kind: "KubernetesNetworkPolicy", name: "w", namespace: "a", order: 1000 },
        { kind: "NetworkPolicy", name: "w", namespace: "a", order: 1000 },
      ],
      tiers,
    );
    expect(sorted.map((p) => `${p.name}/${p.namespace ?? ""}/${p.kind}`)).toEqual([
      "w/a/KubernetesNetworkPolicy",
      "w/a/NetworkPolicy",
      "allow-vrrp//GlobalNetworkPolicy",
      "allow-icmp//GlobalNetworkPolicy",
      "allow-bigfix-port//GlobalNetworkPolicy",
      "x/a/NetworkPolicy",
      "x/b/NetworkPolicy",
    ]);
  });
});

describe("tierDefaultAction", () => {
  it("uses the Tier object's action, the built-in tiers' required ones, else Deny", () => {
    const known = new Map<string, TierInfo>([["security", { name: "security", defaultAction: "Pass" }]]);
    expect(tierDefaultAction("security", known)).toBe("Pass");
    expect(tierDefaultAction("kube-admin", known)).toBe("Pass");
    expect(tierDefaultAction("kube-baseline", known)).toBe("Pass");
    expect(tierDefaultAction("default", known)).toBe("Deny");
    expect(tierDefaultAction("ghost", known)).toBe("Deny");
  });
});
