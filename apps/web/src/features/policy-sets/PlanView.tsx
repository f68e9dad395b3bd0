import { refLabel } from "@palisade/calico";
import type { ApplyResult, PolicySetParams, PolicySetPlan } from "@palisade/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { applyPolicySet } from "../../api/documents";
import { cacheFamilies } from "../../api/queryKeys";
import { ActionButton } from "../../components/ActionButton";
import { ApplyResultRegion } from "../../components/ApplyResultView";
import { ConnectivityPanel } from "../../components/ConnectivityPanel";
import { EndpointList } from "../../components/EndpointList";
import { ErrorState } from "../../components/States";
import { useWriteBlocked } from "../../shared/useWriteBlocked";
import { asYamlFile, downloadText } from "../wizard/exportYaml";

interface Props {
  readonly cluster: string;
  readonly plan: PolicySetPlan;
  readonly params: PolicySetParams;
  /** The plan shown is for the previous parameters while the new one loads. */
  readonly stale: boolean;
}

/** A planned set: its files (downloadable as IBM names them), workers, impact, lock-out check and apply. */
export function PlanView({ cluster, plan, params, stale }: Props) {
  const included = plan.members.filter((m) => m.included);
  const changes = included.flatMap((m) => m.objects).filter((o) => o.action !== "unchanged").length;
  return (
    <div className="policy-set-plan" aria-busy={stale} data-testid="set-plan">
      <h3>Files</h3>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Objects</th>
            <th scope="col">Selects</th>
          </tr>
        </thead>
        <tbody>
          {included.map((m) => (
            <tr key={m.member} data-testid="set-file">
              <td>
                <button
                  type="button"
                  className="btn-link"
                  title={m.summary}
                  onClick={() => downloadText(m.file, asYamlFile(m.yaml))}
                >
                  {m.file}
                </button>
                <div className="muted small">{m.summary}</div>
              </td>
              <td>
                {m.objects.map((o) => (
                  <div key={refLabel(o.ref)}>
                    {refLabel(o.ref)} <span className="muted small">{o.action}</span>
                  </div>
                ))}
              </td>
              <td>
                <details>
                  <summary>
                    {m.selects.total} endpoint{m.selects.total === 1 ? "" : "s"}
                  </summary>
                  <EndpointList cluster={cluster} matches={m.selects} empty="Selects nothing in this cluster." />
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => downloadText(`${plan.set}-${plan.region.value ?? "region"}.yaml`, asYamlFile(plan.yaml))}
        >
          Download all as one file
        </button>
      </div>
      {plan.set === "private-isolation" && <Workers plan={plan} />}
      {plan.warnings.map((w) => (
        <p key={w.message} className="state warn small">
          {w.message}
        </p>
      ))}
      <h3>Impact</h3>
      <table className="data" aria-label="Probes before and after">
        <thead>
          <tr>
            <th scope="col">Packet</th>
            <th scope="col">Now</th>
            <th scope="col">After applying</th>
          </tr>
        </thead>
        <tbody>
          {plan.probes.map((p) => (
            <tr key={p.id} data-testid="set-probe" data-probe={p.id}>
              <td>{p.description}</td>
              <td title={p.beforeSummary}>
                <span className={`badge verdict-${p.before}`}>{p.before}</span>
              </td>
              <td title={p.afterSummary}>
                <span className={`badge verdict-${p.after}`}>{p.after}</span>
                {p.after !== p.before && <span className="small"> ← changes</span>}
                <div className="muted small">{p.afterSummary}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConnectivityPanel cluster={cluster} yaml={plan.yaml} level={3} />
      <ApplySet cluster={cluster} plan={plan} params={params} changes={changes} stale={stale} />
    </div>
  );
}

function Workers({ plan }: { plan: PolicySetPlan }) {
  const status = { exists: "has one", created: "created by this set", missing: "cannot be covered" } as const;
  return (
    <>
      <h3>Private host endpoints</h3>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Worker</th>
            <th scope="col">Private IP</th>
            <th scope="col">Host endpoint</th>
          </tr>
        </thead>
        <tbody>
          {plan.workers.map((w) => (
            <tr key={w.node} data-testid="set-worker">
              <td>{w.node}</td>
              <td>{w.privateIp ?? "—"}</td>
              <td>
                {w.hostEndpoint ?? "—"} <span className="muted small">{status[w.status]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ApplySet({
  cluster,
  plan,
  params,
  changes,
  stale,
}: {
  cluster: string;
  plan: PolicySetPlan;
  params: PolicySetParams;
  changes: number;
  stale: boolean;
}) {
  const client = useQueryClient();
  const blocked = useWriteBlocked("apply");
  const [confirm, setConfirm] = useState("");
  const [result, setResult] = useState<ApplyResult | undefined>();
  const apply = useMutation({
    mutationFn: () => applyPolicySet(cluster, plan.set, { params, ...(plan.lockOut.length > 0 ? { confirm } : {}) }),
    onSuccess: (r) => {
      setResult(r);
      for (const family of [cacheFamilies.policies, cacheFamilies.policySets, cacheFamilies.graph]) {
        void client.invalidateQueries({ queryKey: family(cluster) });
      }
    },
  });
  const lockedOut = plan.lockOut.length > 0 && confirm !== cluster;
  return (
    <section aria-labelledby="apply-set-title">
      <h3 id="apply-set-title">Apply</h3>
      {plan.lockOut.length > 0 ? (
        <div className="state error" role="alert" data-testid="lock-out">
          <p>Applying this set would cut workers off:</p>
          <ul>
            {plan.lockOut.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <label className="field">
            <span>Type the cluster's name ({cluster}) to apply anyway</span>
            <input value={confirm} onChange={(e) => setConfirm(e.target.value)} aria-label="Cluster name" />
          </label>
        </div>
      ) : (
        <p className="state ok small" data-testid="lock-out-clear">
          No worker loses what IBM needs to manage it, and no host endpoint is left without policy.
        </p>
      )}
      <div className="actions">
        <ActionButton
          variant="primary"
          disabledReason={
            blocked ??
            (stale
              ? "Waiting for the plan of these parameters"
              : changes === 0
                ? "Everything is already in the cluster"
                : lockedOut
                  ? "Type the cluster's name to apply despite the lock-out check"
                  : undefined)
          }
          onClick={() => apply.mutate()}
          disabled={apply.isPending}
        >
          {apply.isPending ? "Applying…" : `Apply ${changes} change${changes === 1 ? "" : "s"} as one`}
        </ActionButton>
      </div>
      {apply.error !== null && <ErrorState error={apply.error} />}
      <ApplyResultRegion result={result} />
    </section>
  );
}
