import type { RuleView } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { flowHitsQuery } from "../api/queries";
import { clusterPath } from "../shared/cluster";
import { deniedFromText, deniesOnly, flowsOf, hitsByPolicy, neverHitRules, ruleLabel } from "../shared/hits";
import { RuleHitsHead } from "./RuleHitsHead";
import { ErrorState, LoadingState } from "./States";

const timeOf = (seconds: number) => new Date(seconds * 1000).toLocaleTimeString([], { hour12: false });

/**
 * What a policy did to the flows held (Goldmane's Statistics per rule, or the demo's): counts per rule, the rules no
 * flow hit, whether it only denies; for a staged policy, what it would have done.
 */
export function PolicyTraffic({
  cluster,
  policyKey,
  rules,
}: {
  cluster: string;
  policyKey: string;
  rules: readonly RuleView[];
}) {
  const hits = useQuery(flowHitsQuery(cluster, { policy: policyKey }));
  if (hits.isPending) return <LoadingState what="hit counts" />;
  if (hits.error !== null) return <ErrorState error={hits.error} />;
  const mine = hitsByPolicy(hits.data.items).get(policyKey);
  const counted = mine?.enforced ?? mine?.pending;
  const staged = mine?.enforced === undefined && mine?.pending !== undefined;
  const ruleHits = (direction: RuleView["direction"], index: number) =>
    counted?.rules.filter((r) => r.direction === direction && r.rule === index) ?? [];
  const count = (d: RuleView["direction"]) => rules.filter((r) => r.direction === d).length;
  const idle = [
    ...neverHitRules(counted, "Ingress", count("Ingress")).map((i) => ruleLabel("Ingress", i)),
    ...neverHitRules(counted, "Egress", count("Egress")).map((i) => ruleLabel("Egress", i)),
  ];
  const tierEnds = counted?.rules.filter((r) => r.rule < 0) ?? [];
  return (
    <div data-testid="policy-traffic">
      {counted === undefined ? (
        <p className="muted">No flow held hit this policy ({hits.data.flows.toLocaleString()} flows held).</p>
      ) : (
        <p>
          {staged ? "Would have (staged, not enforced): " : ""}
          <span className="badge action-Allow">{counted.allowed.flows.toLocaleString()} allowed</span>{" "}
          <span className="badge action-Deny">{counted.denied.flows.toLocaleString()} denied</span>{" "}
          {counted.passed.flows > 0 && (
            <span className="badge action-Pass">{counted.passed.flows.toLocaleString()} passed</span>
          )}{" "}
          of {flowsOf(counted).toLocaleString()} flows, last at{" "}
          {timeOf(Math.max(counted.allowed.lastSeen, counted.denied.lastSeen, counted.passed.lastSeen))}
          {deniesOnly(counted) && <strong> It only denies.</strong>}
          {counted.deniedFrom.length > 0 && <span className="muted"> Denied most from {deniedFromText(counted)}.</span>}
        </p>
      )}
      {rules.length > 0 && (
        <table className="data" aria-label="Hits per rule">
          <RuleHitsHead after={["Last hit"]} />
          <tbody>
            {rules.map((r) => {
              const found = ruleHits(r.direction, r.index);
              const flows = found.reduce((n, h) => n + h.flows, 0);
              return (
                <tr key={`${r.direction}-${r.index}`} data-testid="rule-hits-row">
                  <td>{ruleLabel(r.direction, r.index)}</td>
                  <td>
                    <span className={`badge action-${r.action}`}>{r.action}</span>
                  </td>
                  <td className="num">
                    {flows === 0 ? <span className="muted">never hit</span> : flows.toLocaleString()}
                  </td>
                  <td className="num">{found.reduce((n, h) => n + h.packets, 0).toLocaleString()}</td>
                  <td>{flows === 0 ? "" : timeOf(Math.max(...found.map((h) => h.lastSeen)))}</td>
                </tr>
              );
            })}
            {tierEnds.map((r) => (
              <tr key={`end-${r.direction}-${r.action}`} data-testid="rule-hits-row">
                <td>end of tier ({r.direction.toLowerCase()})</td>
                <td>
                  <span className={`badge action-${r.action}`}>{r.action}</span>
                </td>
                <td className="num">{r.flows.toLocaleString()}</td>
                <td className="num">{r.packets.toLocaleString()}</td>
                <td>{timeOf(r.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {idle.length > 0 && counted !== undefined && (
        <p className="muted small">Never hit in the flows held: {idle.join(", ")}.</p>
      )}
      <Link to={`${clusterPath(cluster, "flows")}?range=all&policy=${encodeURIComponent(policyKey)}`}>
        Show its flows
      </Link>
    </div>
  );
}
