import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { flowHitsQuery, policiesQuery } from "../../api/queries";
import { RuleHitsHead } from "../../components/RuleHitsHead";
import { ErrorState, LoadingState } from "../../components/States";
import { busiestRules, deniedFromText, deniesOnly, flowsOf, hitsByPolicy, ruleLabel } from "../../shared/hits";
import { parsePolicyKey, policyPath } from "../../shared/policyKey";

function PolicyLink({ cluster, policyKey, name }: { cluster: string; policyKey: string | undefined; name: string }) {
  const ref = policyKey === undefined ? undefined : parsePolicyKey(policyKey);
  return ref === undefined ? <span>{name}</span> : <Link to={policyPath(cluster, ref)}>{name}</Link>;
}

/**
 * Rule hit counts over the flows held (Goldmane's Statistics, grouped by rule): the busiest rules, the policies that
 * only deny, the policies no flow hit, and what staged policies would have done.
 */
export function RuleHitsPanel({ cluster }: { cluster: string }) {
  const hits = useQuery(flowHitsQuery(cluster));
  const policies = useQuery(policiesQuery(cluster));
  if (hits.isPending || policies.isPending) return <LoadingState what="rule hits" />;
  if (hits.error !== null) return <ErrorState error={hits.error} />;
  if (policies.error !== null) return <ErrorState error={policies.error} />;
  const enforced = hits.data.items.filter((p) => !p.pending);
  const byKey = hitsByPolicy(hits.data.items);
  const idle = policies.data.items.filter((p) => !p.staged && byKey.get(p.key)?.enforced === undefined);
  const staged = hits.data.items.filter((p) => p.pending && p.denied.flows > 0);
  const denying = enforced.filter(deniesOnly);
  return (
    <div className="stack" data-testid="rule-hits">
      <p className="muted small">Counted over {hits.data.flows.toLocaleString()} flows held.</p>
      <section className="panel" aria-labelledby="busiest-title">
        <h2 id="busiest-title">Busiest rules</h2>
        <table className="data">
          <RuleHitsHead before={["Policy"]} />
          <tbody>
            {busiestRules(enforced, 12).map(({ policy, rule }) => (
              <tr
                key={`${policy.kind}/${policy.namespace ?? ""}/${policy.name}/${rule.direction}/${rule.rule}/${rule.action}`}
              >
                <td>
                  <PolicyLink
                    cluster={cluster}
                    policyKey={policy.policy}
                    name={`${policy.kind} ${policy.namespace === undefined ? "" : `${policy.namespace}/`}${policy.name}`}
                  />
                </td>
                <td>{rule.rule < 0 ? "end of tier" : ruleLabel(rule.direction, rule.rule)}</td>
                <td>
                  <span className={`badge action-${rule.action}`}>{rule.action}</span>
                </td>
                <td className="num">{rule.flows.toLocaleString()}</td>
                <td className="num">{rule.packets.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="deny-only-title">
          <h2 id="deny-only-title">Policies that only deny</h2>
          {denying.length === 0 ? (
            <p className="muted">No policy only denied: every policy that denied a flow held also allowed some.</p>
          ) : (
            <ul>
              {denying.map((p) => (
                <li key={`${p.kind}/${p.namespace ?? ""}/${p.name}`}>
                  <PolicyLink cluster={cluster} policyKey={p.policy} name={p.name} />: {p.denied.flows.toLocaleString()}{" "}
                  flows denied
                  {p.deniedFrom[0] === undefined ? "" : `, most from ${p.deniedFrom[0].source}`}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="idle-title">
          <h2 id="idle-title">Policies no flow hit</h2>
          {idle.length === 0 ? (
            <p className="muted">Every policy acted on some flow held.</p>
          ) : (
            <ul>
              {idle.map((p) => (
                <li key={p.key}>
                  <PolicyLink cluster={cluster} policyKey={p.key} name={p.name} />{" "}
                  <span className="muted small">{p.kind}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {staged.length > 0 && (
        <section className="panel" aria-labelledby="pending-title">
          <h2 id="pending-title">Staged policies would deny</h2>
          <ul>
            {staged.map((p) => (
              <li key={`${p.kind}/${p.namespace ?? ""}/${p.name}`}>
                <PolicyLink cluster={cluster} policyKey={p.policy} name={p.name} /> would deny{" "}
                {p.denied.flows.toLocaleString()} of {flowsOf(p).toLocaleString()} flows
                {p.deniedFrom.length === 0 ? "" : `, from ${deniedFromText(p)}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
