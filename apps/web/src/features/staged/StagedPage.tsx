import type { StagedPolicy } from "@palisade/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { cacheFamilies } from "../../api/queryKeys";
import { promotePreviewQuery, promoteStaged, stagedQuery } from "../../api/staged";
import { ActionButton } from "../../components/ActionButton";
import { ApplyResultView } from "../../components/ApplyResultView";
import { CodeBlock } from "../../components/CodeBlock";
import { DeletePolicy } from "../../components/DeletePolicy";
import { EmptyState, ErrorState, LoadingState } from "../../components/States";
import { useCluster } from "../../shared/cluster";
import { policyPath } from "../../shared/policyKey";
import { useWriteBlocked } from "../../shared/useWriteBlocked";

const label = (r: { readonly name: string; readonly namespace?: string | undefined }) =>
  r.namespace === undefined ? r.name : `${r.namespace}/${r.name}`;
const same = (a: StagedPolicy, b: StagedPolicy) =>
  a.ref.kind === b.ref.kind && a.ref.name === b.ref.name && a.ref.namespace === b.ref.namespace;

/**
 * Staged policies: evaluated and reported by Calico, never enforced. Each can be promoted to the policy it stands
 * for (stagedAction Set writes it, Delete deletes it) after reviewing the change, or discarded.
 */
export function StagedPage() {
  const cluster = useCluster();
  const { data, error, isPending, refetch } = useQuery(stagedQuery(cluster));
  const [open, setOpen] = useState<StagedPolicy | undefined>();
  // A promoted policy leaves the list; its review stays open to show what was done.
  const selected = open === undefined ? undefined : (data?.items.find((s) => same(s, open)) ?? open);
  return (
    <section className="page" aria-labelledby="staged-title">
      <header className="page-head">
        <h1 id="staged-title">Staged policies</h1>
        <p className="muted">
          Calico evaluates them beside the enforced policies and reports what they would do, but never enforces them.
          Promote one to enforce it, or discard it.
        </p>
        {data !== undefined && <span className="count">{data.items.length} staged</span>}
      </header>
      {isPending && <LoadingState what="staged policies" />}
      {error !== null && <ErrorState error={error} onRetry={() => void refetch()} />}
      {data !== undefined && data.items.length === 0 && (
        <EmptyState>
          No staged policies. The editor and the wizards can save a policy as staged to try it before enforcing it.
        </EmptyState>
      )}
      {data !== undefined && data.items.length > 0 && (
        <div className="panel panel-flush table-wrap">
          <table className="data" data-testid="staged-table">
            <thead>
              <tr>
                <th scope="col">Staged policy</th>
                <th scope="col">Tier</th>
                <th scope="col">Promoting</th>
                <th scope="col">Enforced policy</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={`${s.ref.kind}/${s.ref.namespace ?? ""}/${s.ref.name}`} data-testid="staged-row">
                  <td>
                    <Link to={policyPath(cluster, s.ref)}>{label(s.ref)}</Link>{" "}
                    <span className="muted small">{s.ref.kind}</span>
                  </td>
                  <td>{s.tier}</td>
                  <td>
                    {s.unpromotable !== undefined ? (
                      <span className="muted" title={s.unpromotable}>
                        stagedAction {s.stagedAction}: cannot be promoted
                      </span>
                    ) : s.stagedAction === "Delete" ? (
                      "deletes the enforced policy"
                    ) : s.enforcedResourceVersion === null ? (
                      "creates the enforced policy"
                    ) : (
                      "replaces the enforced policy"
                    )}
                  </td>
                  <td>
                    {s.enforcedResourceVersion === null ? (
                      <span className="muted">none yet</span>
                    ) : (
                      <Link to={policyPath(cluster, s.enforced)}>
                        {s.enforced.kind} {label(s.enforced)}
                      </Link>
                    )}
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      className="btn"
                      disabled={s.unpromotable !== undefined}
                      aria-expanded={selected !== undefined && same(selected, s)}
                      onClick={() => setOpen(s)}
                    >
                      Review promotion…
                    </button>
                    <DeletePolicy
                      cluster={cluster}
                      target={s.ref}
                      resourceVersion={s.resourceVersion}
                      label="Discard…"
                      hideReason
                      onDeleted={() => setOpen(undefined)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected !== undefined && (
        <Promotion
          key={`${selected.ref.kind}/${selected.ref.namespace ?? ""}/${selected.ref.name}`}
          cluster={cluster}
          staged={selected}
        />
      )}
    </section>
  );
}

/** The review of one promotion (the enforced policy's diff, warnings, what a delete takes away) and the button. */
function Promotion({ cluster, staged }: { cluster: string; staged: StagedPolicy }) {
  const client = useQueryClient();
  const blocked = useWriteBlocked("apply");
  const [done, setDone] = useState(false);
  // Once promoted the staged policy is gone: the review is over, so it is not asked for again.
  const preview = useQuery({ ...promotePreviewQuery(cluster, staged.ref, staged.resourceVersion), enabled: !done });
  const promote = useMutation({
    mutationFn: () =>
      promoteStaged(cluster, {
        ref: staged.ref,
        resourceVersion: staged.resourceVersion,
        enforcedResourceVersion: staged.enforcedResourceVersion,
      }),
    onSuccess: () => setDone(true),
    onSettled: () => void client.invalidateQueries({ queryKey: cacheFamilies.policies(cluster) }),
  });
  const p = preview.data;
  return (
    <section className="panel stack" aria-label={`Promote ${label(staged.ref)}`} data-testid="promotion">
      <h2>
        Promote {staged.ref.kind} {label(staged.ref)}
      </h2>
      {!done && preview.isPending && <LoadingState what="promotion" />}
      {!done && preview.error !== null && <ErrorState error={preview.error} />}
      {!done && p !== undefined && (
        <>
          <p>
            {p.action === "Set"
              ? `Writes ${staged.enforced.kind} ${label(staged.enforced)} as below (its spec, labels and annotations, without stagedAction), then deletes the staged policy.`
              : `Deletes ${staged.enforced.kind} ${label(staged.enforced)} (stagedAction Delete), and the staged policy with it.`}{" "}
            Both writes are conditional on the versions shown here: a change since is refused, nothing lost.
          </p>
          {p.impact !== undefined && p.impact.endpoints.length > 0 && (
            <p className="verdict-deny" data-testid="promotion-impact">
              {p.impact.endpoints.length} endpoint{p.impact.endpoints.length === 1 ? "" : "s"} lose rules
              {p.impact.endpoints.some((e) => e.becomesDefaultDeny)
                ? ", and a host endpoint falls to default deny"
                : ""}
              .
            </p>
          )}
          {p.warnings.map((w) => (
            <p key={w.message} className="caveat">
              {w.message}
            </p>
          ))}
          <CodeBlock label="Change to the enforced policy" text={p.patch === "" ? "(no change)" : p.patch} />
          <div className="toolbar">
            <ActionButton
              variant="primary"
              disabledReason={blocked}
              disabled={promote.isPending || promote.isSuccess}
              onClick={() => promote.mutate()}
            >
              {promote.isPending ? "Promoting…" : "Promote"}
            </ActionButton>
          </div>
        </>
      )}
      {promote.error !== null && <ErrorState error={promote.error} />}
      {promote.data !== undefined && (
        <div className="stack" data-testid="promoted" data-action={promote.data.action}>
          {promote.data.applied !== undefined && <ApplyResultView result={promote.data.applied} />}
          <p role="status">
            {promote.data.action === "Set" ? (
              <>
                Promoted: <Link to={policyPath(cluster, staged.enforced)}>{label(staged.enforced)}</Link> is enforced
                and the staged policy is gone.
              </>
            ) : (
              `Promoted: ${label(staged.enforced)} and the staged policy are deleted.`
            )}
          </p>
        </div>
      )}
    </section>
  );
}
