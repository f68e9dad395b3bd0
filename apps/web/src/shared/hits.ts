import type { PolicyHits, RuleHits } from "@palisade/contract";

/** Enforced and pending hit counts of each policy Palisade has, by `PolicySummary.key`. */
export interface HitsOfPolicy {
  readonly enforced?: PolicyHits;
  readonly pending?: PolicyHits;
}

export function hitsByPolicy(items: readonly PolicyHits[]): Map<string, HitsOfPolicy> {
  const out = new Map<string, HitsOfPolicy>();
  for (const p of items) {
    if (p.policy === undefined) continue;
    const entry = out.get(p.policy) ?? {};
    out.set(p.policy, p.pending ? { ...entry, pending: p } : { ...entry, enforced: p });
  }
  return out;
}

export const flowsOf = (p: PolicyHits): number => p.allowed.flows + p.denied.flows + p.passed.flows;

/** The sources a policy denied most, with their flow counts: "shop/web (12), default/access (3)". */
export function deniedFromText(p: PolicyHits, most = 3): string {
  return p.deniedFrom
    .slice(0, most)
    .map((d) => `${d.source} (${d.flows})`)
    .join(", ");
}

/** A rule as people count them, from 1 as the policy page's rules table does: `ingress rule 1` for index 0. */
export function ruleLabel(direction: string, index: number): string {
  return `${direction.toLowerCase()} rule ${index + 1}`;
}

/** It acted on traffic and only ever denied it. */
export function deniesOnly(p: PolicyHits): boolean {
  return p.denied.flows > 0 && p.allowed.flows === 0 && p.passed.flows === 0;
}

/** The `count` busiest rules across policies (a tier's end counts as the policy's rule -1). */
export function busiestRules(items: readonly PolicyHits[], count: number): { policy: PolicyHits; rule: RuleHits }[] {
  return items
    .flatMap((policy) => policy.rules.map((rule) => ({ policy, rule })))
    .sort((a, b) => b.rule.flows - a.rule.flows || a.policy.name.localeCompare(b.policy.name))
    .slice(0, count);
}

/** Indexes of a policy's rules in one direction that no flow held hit. */
export function neverHitRules(
  hits: PolicyHits | undefined,
  direction: "Ingress" | "Egress",
  ruleCount: number,
): number[] {
  const hit = new Set((hits?.rules ?? []).filter((r) => r.direction === direction).map((r) => r.rule));
  return Array.from({ length: ruleCount }, (_, i) => i).filter((i) => !hit.has(i));
}
