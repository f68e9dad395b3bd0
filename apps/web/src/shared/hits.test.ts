import type { PolicyHits, RuleHits } from "@palisade/contract";
import { describe, expect, it } from "vitest";
import { busiestRules, deniedFromText, deniesOnly, hitsByPolicy, neverHitRules } from "./hits";

const counters = (flows: number) => ({
  flows,
  packets: flows * 10,
  bytes: flows * 100,
  connections: flows,
  lastSeen: 1,
});
const rule = (
  direction: "Ingress" | "Egress",
  index: number,
  flows: number,
  action: RuleHits["action"] = "Allow",
): RuleHits => ({
  direction,
  rule: index,
  action,
  ...counters(flows),
});
const policy = (name: string, over: Partial<PolicyHits> = {}): PolicyHits => ({
  kind: "GlobalNetworkPolicy",
  tier: "default",
  name,
  policy: `GlobalNetworkPolicy//${name}`,
  pending: false,
  allowed: counters(0),
  denied: counters(0),
  passed: counters(0),
  rules: [],
  deniedFrom: [],
  ...over,
});

describe("hit counts", () => {
  it("indexes enforced and pending counts by policy key, skipping hits Palisade has no policy for", () => {
    const byKey = hitsByPolicy([policy("a"), policy("a", { pending: true }), { ...policy("gone"), policy: undefined }]);
    expect([...byKey.keys()]).toEqual(["GlobalNetworkPolicy//a"]);
    expect(byKey.get("GlobalNetworkPolicy//a")?.pending?.pending).toBe(true);
  });

  it("finds deny-only policies, the busiest rules and the rules never hit", () => {
    const lock = policy("lock", { denied: counters(5), rules: [rule("Ingress", -1, 5, "Deny")] });
    const web = policy("web", {
      allowed: counters(9),
      denied: counters(1),
      rules: [rule("Ingress", 0, 9), rule("Ingress", 2, 1, "Deny")],
    });
    expect(deniesOnly(lock)).toBe(true);
    expect(deniesOnly(web)).toBe(false);
    expect(deniesOnly(policy("idle"))).toBe(false);
    expect(busiestRules([lock, web], 2).map(({ policy, rule }) => `${policy.name}#${rule.rule}`)).toEqual([
      "web#0",
      "lock#-1",
    ]);
    expect(neverHitRules(web, "Ingress", 3)).toEqual([1]);
    expect(neverHitRules(web, "Egress", 2)).toEqual([0, 1]);
    expect(neverHitRules(undefined, "Ingress", 1)).toEqual([0]);
  });

  it("names the sources a policy denied most, at most three", () => {
    const deniedFrom = ["a", "b", "c", "d"].map((source, i) => ({ source, flows: 10 - i }));
    expect(deniedFromText(policy("p", { deniedFrom }))).toBe("a (10), b (9), c (8)");
    expect(deniedFromText(policy("p"))).toBe("");
  });
});
