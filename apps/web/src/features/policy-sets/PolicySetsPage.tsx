import { ISOLATION_REGION_IDS, refLabel, regionNote } from "@palisade/calico";
import type { PolicySetFound, PolicySetId } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link } from "react-router";
import { policySetPlanQuery, policySetsQuery } from "../../api/queries";
import { EmptyState, ErrorState, LoadingState } from "../../components/States";
import { Tabs } from "../../components/Tabs";
import { clusterPath, useCluster } from "../../shared/cluster";
import { useDebounced } from "../../shared/useDebounced";
import { EMPTY_FORM, formOf, formParams, type SetForm } from "./form";
import { objectPath } from "./objectPath";
import { PlanView } from "./PlanView";
import { RemoveSet } from "./RemoveSet";

const SETS: readonly { id: PolicySetId; label: string }[] = [
  { id: "public-isolation", label: "Public network" },
  { id: "private-isolation", label: "Private network" },
];

/**
 * IBM Cloud's isolation sets ("Isolating clusters on the public / private network"): the sets already in the
 * cluster and how they drifted, then a guided plan (set, region, parameters, files, impact) applied as one change.
 */
export function PolicySetsPage() {
  const cluster = useCluster();
  const [form, setForm] = useState<SetForm>(EMPTY_FORM);
  const planRef = useRef<HTMLElement>(null);
  const bringUpToDate = (s: PolicySetFound) => {
    setForm(formOf(s.set, s.params));
    planRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  };
  return (
    <section className="page" aria-labelledby="sets-title">
      <header className="page-head">
        <h1 id="sets-title">Policy sets</h1>
        <p className="muted">
          IBM Cloud's public and private network isolation sets (IBM-Cloud/kube-samples), generated for this cluster,
          reviewed, and applied or removed as one change.
        </p>
      </header>
      <FoundSets cluster={cluster} onBringUpToDate={bringUpToDate} />
      <section className="panel" aria-labelledby="isolate-title" ref={planRef}>
        <h2 id="isolate-title">Isolate the cluster</h2>
        <Tabs label="Set" tabs={SETS} selected={form.set} onSelect={(set) => setForm({ ...form, set, with: [] })}>
          <Plan cluster={cluster} form={form} onChange={setForm} />
        </Tabs>
      </section>
    </section>
  );
}

function FoundSets({ cluster, onBringUpToDate }: { cluster: string; onBringUpToDate: (s: PolicySetFound) => void }) {
  const { data, error, isPending, refetch } = useQuery(policySetsQuery(cluster));
  return (
    <section className="panel" aria-labelledby="found-title">
      <h2 id="found-title">In this cluster</h2>
      {isPending ? (
        <LoadingState what="policy sets" />
      ) : error !== null ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.sets.length === 0 ? (
        <EmptyState>No isolation set applied by Palisade yet.</EmptyState>
      ) : (
        data.sets.map((s) => (
          <FoundSet key={`${s.set}/${s.region}`} cluster={cluster} found={s} onBringUpToDate={onBringUpToDate} />
        ))
      )}
    </section>
  );
}

function FoundSet({
  cluster,
  found,
  onBringUpToDate,
}: {
  cluster: string;
  found: PolicySetFound;
  onBringUpToDate: (s: PolicySetFound) => void;
}) {
  const edited = found.objects.filter((o) => o.status === "edited");
  const missing = found.objects.filter((o) => o.status === "missing");
  return (
    <article className="policy-set" data-testid="found-set" aria-label={`${found.set} ${found.region}`}>
      <h3>
        {found.set} <span className="muted">{found.region}</span>{" "}
        <span className={`badge ${found.upToDate ? "verdict-allow" : "verdict-deny"}`} data-testid="set-status">
          {found.upToDate ? "up to date" : "drifted"}
        </span>
      </h3>
      <p className="muted small">
        {found.objects.length - missing.length} of {found.objects.length} objects in the cluster · catalog{" "}
        {found.catalogVersion}
      </p>
      <ul className="drift">
        {found.newerCatalog && <li>A newer catalog is available: bring the set up to date to get IBM's changes.</li>}
        {edited.map((o) => (
          <li key={refLabel(o.ref)} data-testid="drift-edited">
            <Link to={objectPath(cluster, o.ref)}>{refLabel(o.ref)}</Link> ({o.member}) was edited:
            <ul>
              {o.changes.map((c) => (
                <li key={c.path}>
                  <code>{c.path}</code>: {c.live ?? "(missing)"} where the catalog has {c.expected ?? "nothing"}
                </li>
              ))}
            </ul>
          </li>
        ))}
        {missing.map((o) => (
          <li key={refLabel(o.ref)} data-testid="drift-missing">
            {refLabel(o.ref)} ({o.member}) is missing
          </li>
        ))}
        {found.workersWithoutHostEndpoint.map((w) => (
          <li key={w} data-testid="drift-worker">
            Worker {w} has no private host endpoint: the set does not protect its eth0
          </li>
        ))}
      </ul>
      <div className="actions">
        {!found.upToDate && (
          <button type="button" className="btn btn-primary" onClick={() => onBringUpToDate(found)}>
            Bring up to date…
          </button>
        )}
        <RemoveSet cluster={cluster} found={found} />
      </div>
    </article>
  );
}

function Plan({ cluster, form, onChange }: { cluster: string; form: SetForm; onChange: (f: SetForm) => void }) {
  const params = useDebounced(formParams(form), 300);
  const plan = useQuery(policySetPlanQuery(cluster, form.set, params));
  const region = form.region === "" ? (plan.data?.region.value ?? "") : form.region;
  const note = ISOLATION_REGION_IDS.find((r) => r === region);
  const noteText = note === undefined ? undefined : regionNote(note);
  return (
    <div>
      <div className="row policy-set-form">
        <label className="field">
          <span>Region</span>
          <select value={form.region} onChange={(e) => onChange({ ...form, region: e.target.value })}>
            <option value="">
              {plan.data?.region.value === null || plan.data === undefined
                ? "Choose a region"
                : `${plan.data.region.value} (detected)`}
            </option>
            {ISOLATION_REGION_IDS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          {plan.data !== undefined && form.region === "" && (
            <small className="muted" data-testid="region-source">
              {plan.data.region.source}
            </small>
          )}
        </label>
        <label className="field">
          <span>Pod subnet</span>
          <input
            value={form.podSubnet}
            placeholder={plan.data?.podSubnet.value ?? "172.30.0.0/16"}
            onChange={(e) => onChange({ ...form, podSubnet: e.target.value })}
          />
          {plan.data !== undefined && form.podSubnet === "" && (
            <small className="muted">{plan.data.podSubnet.source}</small>
          )}
        </label>
        <label className="field">
          <span>Master proxy addresses</span>
          <input
            value={form.masterProxy}
            placeholder={plan.data?.masterProxy.join(", ") ?? ""}
            onChange={(e) => onChange({ ...form, masterProxy: e.target.value })}
          />
          <small className="muted">Default: the region's files (10.10.10.1 is for clusters over 3 years old)</small>
        </label>
      </div>
      {noteText !== undefined && <p className="state warn small">{`${region} is ${noteText}`}</p>}
      <fieldset className="checkboxes">
        <legend>Optional members</legend>
        {(plan.data?.members ?? [])
          .filter((m) => m.optional)
          .map((m) => (
            <label key={m.member}>
              <input
                type="checkbox"
                checked={form.with.includes(m.member)}
                onChange={(e) =>
                  onChange({
                    ...form,
                    with: e.target.checked ? [...form.with, m.member] : form.with.filter((w) => w !== m.member),
                  })
                }
              />
              <code>{m.member}</code> <span className="muted">{m.summary}</span>
            </label>
          ))}
      </fieldset>
      <div>
        {plan.isPending ? (
          <LoadingState what="plan" />
        ) : plan.error !== null ? (
          <ErrorState error={plan.error} />
        ) : (
          <PlanView cluster={cluster} plan={plan.data} params={params} stale={plan.isPlaceholderData} />
        )}
        <p className="small muted">
          Or from the command line:{" "}
          <code>
            pnpm palisade sets generate {form.set} --region {region || "R"}
            {params.podSubnet === undefined ? "" : ` --pod-subnet ${params.podSubnet}`}
            {(params.with ?? []).map((w) => ` --with ${w}`).join("")}
          </code>{" "}
          · <Link to={clusterPath(cluster, "policies")}>Policies</Link>
        </p>
      </div>
    </div>
  );
}
