import type { TierSummary } from "@palisade/contract";

/**
 * The tiers in evaluation order, each with its order, its default action (what traffic no policy in it decided
 * meets: Deny drops it, Pass hands it to the next tier) and its policy count. The admin policies' tiers
 * (kube-admin / adminnetworkpolicy before default, kube-baseline / baselineadminnetworkpolicy after it) show here
 * with the Pass Calico gives them.
 */
export function TierStrip({ tiers }: { tiers: readonly TierSummary[] }) {
  if (tiers.length === 0) return null;
  return (
    <ol className="tier-strip" aria-label="Tiers in evaluation order" data-testid="tier-strip">
      {tiers.map((t) => (
        <li key={t.name} className="tier-chip" data-testid="tier-chip" data-tier={t.name}>
          <span className="tier-name">{t.name}</span>
          <span className="muted">{t.order === null ? "no order" : `order ${t.order.toLocaleString("en")}`}</span>
          <span className={t.defaultAction === "Pass" ? "tier-action pass" : "tier-action deny"}>
            then {t.defaultAction}
          </span>
          <span className="count-chip">{t.policyCount}</span>
          {!t.exists && <span className="muted">(no Tier object)</span>}
        </li>
      ))}
    </ol>
  );
}
