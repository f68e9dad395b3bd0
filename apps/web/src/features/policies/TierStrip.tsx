import type { TierSummary } from "@palisade/contract";
import { Link } from "react-router";
import { clusterPath } from "../../shared/cluster";

/**
 * The tiers in evaluation order, each with its order, its default action (what traffic no policy in it decided
 * meets: Deny drops it, Pass hands it to the next tier) and its policy count. The admin policies' tiers
 * (kube-admin / adminnetworkpolicy before default, kube-baseline / baselineadminnetworkpolicy after it) show here
 * with the Pass Calico gives them. Each tier's name opens it in the tier form.
 */
export function TierStrip({ cluster, tiers }: { cluster: string; tiers: readonly TierSummary[] }) {
  const form = `${clusterPath(cluster, "wizard")}?mode=tier`;
  return (
    <ol className="tier-strip" aria-label="Tiers in evaluation order" data-testid="tier-strip">
      {tiers.map((t) => (
        <li key={t.name} className="tier-chip" data-testid="tier-chip" data-tier={t.name}>
          <Link className="tier-name" to={`${form}&tier=${encodeURIComponent(t.name)}`} title={`Edit tier ${t.name}`}>
            {t.name}
          </Link>
          <span className="muted">{t.order === null ? "no order" : `order ${t.order.toLocaleString("en")}`}</span>
          <span className={t.defaultAction === "Pass" ? "tier-action pass" : "tier-action deny"}>
            then {t.defaultAction}
          </span>
          <span className="count-chip">{t.policyCount}</span>
          {!t.exists && <span className="muted">(no Tier object)</span>}
        </li>
      ))}
      <li>
        <Link className="btn btn-small" to={form}>
          New tier…
        </Link>
      </li>
    </ol>
  );
}
