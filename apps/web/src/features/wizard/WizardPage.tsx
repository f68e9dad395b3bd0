import { isLoggableKind, LOG_DENIED_PACKETS_DEFAULTS, refLabel } from "@palisade/calico";
import type { ExplainRequest, GeneratorName, GeneratorResult, TierSummary } from "@palisade/contract";
import { useQuery } from "@tanstack/react-query";
import { Suspense, useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useCalicoRelease } from "../../api/calicoRelease";
import { generatorQuery, hostEndpointsQuery, policiesQuery, policyQuery, servicesQuery } from "../../api/queries";
import { CodeBlock } from "../../components/CodeBlock";
import { EndpointList } from "../../components/EndpointList";
import { LazyMonacoEditor } from "../../components/monaco/lazy";
import { ErrorState, LoadingState } from "../../components/States";
import { Tabs } from "../../components/Tabs";
import { clusterPath, useCluster } from "../../shared/cluster";
import { offerToEditor, tabStorage } from "../../shared/drafts";
import { type PolicyRef, parsePolicyKey, policyPath } from "../../shared/policyKey";
import { useDebounced } from "../../shared/useDebounced";
import { useDocumentTheme } from "../../shared/useTheme";
import { BeforeAfter } from "./BeforeAfter";
import { ExportActions } from "./ExportActions";
import { AllowlistFields, DenyNodePortsFields, LogFields, TierFields } from "./fields";
import { yamlFileName } from "./fileName";
import { LogPrefixAdvice } from "./LogPrefixAdvice";
import {
  ALLOWLIST_FIELDS,
  allowlistParams,
  DEFAULT_ALLOWLIST,
  DEFAULT_DENY_NODEPORTS,
  DEFAULT_LOG,
  DEFAULT_TIER_FORM,
  DENY_NODEPORTS_FIELDS,
  denyNodePortsParams,
  type Errors,
  LOG_FIELDS,
  logParams,
  sampleClientIn,
  splitList,
  TIER_FIELDS,
  tierFormOf,
  tierYaml,
} from "./params";
import { ReviewApply } from "./ReviewApply";
import { changedFields, stillNeeded, visibleErrors } from "./touched";

const MODES = [
  { id: "allowlist", label: "Pre-DNAT allowlist" },
  { id: "deny-nodeports", label: "Deny NodePorts" },
  { id: "log", label: "Log denied packets" },
  { id: "tier", label: "Tier" },
] as const;
type Mode = (typeof MODES)[number]["id"];

/**
 * Guided policies for IBM Cloud classic workers (a pre-DNAT allowlist, deny NodePorts, logging denied packets), and a
 * tier with its order and default action.
 */
export function WizardPage() {
  const cluster = useCluster();
  const [search, setSearch] = useSearchParams();
  const mode: Mode = MODES.find((m) => m.id === search.get("mode"))?.id ?? "allowlist";
  // Start fetching Monaco while the user fills the form; the YAML appears as soon as it is generated.
  useEffect(() => {
    void import("../../components/monaco/MonacoEditor");
  }, []);
  return (
    <section className="page" aria-labelledby="wizard-title">
      <header className="page-head">
        <h1 id="wizard-title">Wizard</h1>
        <p className="muted">Build a policy from a few answers, see what it changes, then apply.</p>
      </header>
      <Tabs label="Wizard" tabs={MODES} selected={mode} onSelect={(id) => setSearch({ mode: id })}>
        {mode === "allowlist" && <AllowlistWizard cluster={cluster} />}
        {mode === "deny-nodeports" && <DenyNodePortsWizard cluster={cluster} />}
        {mode === "log" && <LogWizard cluster={cluster} policyKey={search.get("policy") ?? ""} />}
        {mode === "tier" && <TierWizard cluster={cluster} editing={search.get("tier") ?? ""} />}
      </Tabs>
    </section>
  );
}

/**
 * A wizard's form, debounced into generator parameters. Errors show beside the fields the user has changed (once
 * typing settles); until the form is complete, `needed` lists what it lacks, in the form's field order.
 */
function useWizardForm<F extends object, P>(
  initial: F,
  toParams: (f: F) => { params: P } | { errors: Errors<F> },
  fieldOrder: readonly (keyof F)[],
) {
  const [form, setForm] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<keyof F>>(() => new Set());
  const settled = useDebounced(form, 300);
  const built = toParams(settled);
  const errors = "errors" in built ? built.errors : {};
  const change = (next: F) => {
    const changed = changedFields(form, next);
    if (changed.length > 0) setTouched((t) => new Set([...t, ...changed]));
    setForm(next);
  };
  return {
    form,
    settled,
    change,
    params: "params" in built ? built.params : undefined,
    fieldErrors: form === settled ? visibleErrors(errors, touched) : {},
    needed: stillNeeded(errors, fieldOrder),
  };
}

function AllowlistWizard({ cluster }: { cluster: string }) {
  const { form, settled, change, params, fieldErrors, needed } = useWizardForm(
    DEFAULT_ALLOWLIST,
    allowlistParams,
    ALLOWLIST_FIELDS,
  );
  // Until the user types one, the sample client sits inside the first client CIDR, so "after" shows it admitted.
  const [typedClient, setClient] = useState<string | undefined>(undefined);
  const loadBalancers = useQuery(servicesQuery(cluster, "LoadBalancer"));
  const client = typedClient ?? sampleClientIn(settled.sourceCidrs) ?? "198.51.100.200";
  const first = splitList(settled.ports)[0];
  const sample = (target: string): ExplainRequest | undefined => {
    const lb = splitList(settled.destinationIps)[0];
    const port = first !== undefined && /^\d+$/.test(first) ? Number(first) : undefined;
    if (lb === undefined || port === undefined || client === "") return undefined;
    return {
      endpoint: target,
      direction: "Ingress",
      peer: { ip: client },
      protocol: settled.protocol,
      port,
      preDnatDestination: { ip: lb, port },
    };
  };
  return (
    <GeneratedPolicy
      cluster={cluster}
      generator="prednat-allowlist"
      params={params}
      needed={needed}
      sample={sample}
      form={
        <>
          <AllowlistFields
            form={form}
            errors={fieldErrors}
            services={{ items: loadBalancers.data?.items, error: loadBalancers.error?.message }}
            onChange={change}
          />
          <label className="field">
            <span>Sample client IP (for before/after)</span>
            <input value={client} onChange={(e) => setClient(e.target.value)} />
          </label>
        </>
      }
    />
  );
}

function DenyNodePortsWizard({ cluster }: { cluster: string }) {
  const { form, change, params, fieldErrors, needed } = useWizardForm(
    DEFAULT_DENY_NODEPORTS,
    denyNodePortsParams,
    DENY_NODEPORTS_FIELDS,
  );
  const [client, setClient] = useState("203.0.113.50");
  const [nodePort, setNodePort] = useState("30080");
  const sample = (target: string, targetIp: string | undefined): ExplainRequest | undefined => {
    const port = Number(nodePort);
    if (targetIp === undefined || !Number.isInteger(port) || port < 1 || port > 65535 || client === "")
      return undefined;
    return {
      endpoint: target,
      direction: "Ingress",
      peer: { ip: client },
      protocol: "TCP",
      port,
      preDnatDestination: { ip: targetIp, port },
    };
  };
  return (
    <GeneratedPolicy
      cluster={cluster}
      generator="deny-nodeports"
      params={params}
      needed={needed}
      sample={sample}
      form={
        <>
          <DenyNodePortsFields form={form} errors={fieldErrors} onChange={change} />
          <div className="row">
            <label className="field">
              <span>Sample client IP</span>
              <input value={client} onChange={(e) => setClient(e.target.value)} />
            </label>
            <label className="field">
              <span>Sample NodePort</span>
              <input value={nodePort} inputMode="numeric" size={7} onChange={(e) => setNodePort(e.target.value)} />
            </label>
          </div>
        </>
      }
    />
  );
}

function LogWizard({ cluster, policyKey }: { cluster: string; policyKey: string }) {
  const ref = parsePolicyKey(policyKey);
  if (ref === undefined) {
    return (
      <p className="state empty">
        Open a policy and choose "Log denied packets…" to log what reaches the end of its tier.{" "}
        <Link to={clusterPath(cluster, "policies")}>Go to the policies</Link>
      </p>
    );
  }
  if (!isLoggableKind(ref.kind)) {
    return (
      <p className="state empty">
        A log policy follows a GlobalNetworkPolicy, NetworkPolicy or Kubernetes NetworkPolicy, not a {ref.kind}.{" "}
        <Link to={clusterPath(cluster, "policies")}>Go to the policies</Link>
      </p>
    );
  }
  return <LogPolicyWizard key={policyKey} cluster={cluster} target={ref} />;
}

function LogPolicyWizard({ cluster, target }: { cluster: string; target: PolicyRef }) {
  const policy = {
    kind: target.kind,
    name: target.name,
    ...(target.namespace === undefined ? {} : { namespace: target.namespace }),
  };
  const { form, change, params, fieldErrors, needed } = useWizardForm(
    DEFAULT_LOG,
    (f) => logParams(f, policy),
    LOG_FIELDS,
  );
  const live = useQuery(policyQuery(cluster, target.kind, target.name, target.namespace));
  const order = live.data?.summary.order;
  const orderHint =
    order === undefined ? "" : order === null || order < 3000 ? "3000" : `${order + 1} (just after the policy)`;
  return (
    <GeneratedPolicy
      cluster={cluster}
      generator="log-denied-packets"
      params={params}
      needed={needed}
      form={
        <>
          <p>
            A Log policy with the same selector as{" "}
            <Link to={policyPath(cluster, target)}>
              <strong>{refLabel(target)}</strong>
            </Link>
            {order === undefined ? "" : order === null ? " (no order: it sorts last)" : ` (order ${order})`}, evaluated
            after it: packets that reach it were not allowed by anything before, so they are logged, then the tier's
            default applies.
          </p>
          {live.data !== undefined && (
            <p className="muted small">
              Selector: <code>{live.data.summary.selector === "" ? "all()" : live.data.summary.selector}</code> · tier{" "}
              {live.data.summary.tier}
            </p>
          )}
          {live.error !== null && <ErrorState error={live.error} />}
          <LogFields
            form={form}
            errors={fieldErrors}
            orderHint={orderHint}
            namespace={target.namespace}
            onChange={change}
          />
          <LogPrefixAdvice
            cluster={cluster}
            policy={target}
            logName={form.name.trim() === "" ? LOG_DENIED_PACKETS_DEFAULTS.name : form.name.trim()}
          />
        </>
      }
    />
  );
}

/** A new tier, or (`editing`) an existing one, found in the policies list with its Tier object. */
function TierWizard({ cluster, editing }: { cluster: string; editing: string }) {
  const list = useQuery(policiesQuery(cluster));
  if (list.error !== null) return <ErrorState error={list.error} />;
  if (list.data === undefined) return <LoadingState what="tiers" />;
  const live = list.data.tiers.find((t) => t.name === editing);
  if (editing !== "" && live === undefined) {
    return (
      <p className="state empty">
        No tier {editing} in this cluster. <Link to={`${clusterPath(cluster, "wizard")}?mode=tier`}>Create a tier</Link>
      </p>
    );
  }
  return <TierEditor key={editing} cluster={cluster} live={live} tiers={list.data.tiers} />;
}

function TierEditor({
  cluster,
  live,
  tiers,
}: {
  cluster: string;
  live: TierSummary | undefined;
  tiers: readonly TierSummary[];
}) {
  const release = useCalicoRelease(cluster);
  const { form, settled, change, params, fieldErrors, needed } = useWizardForm(
    live === undefined ? DEFAULT_TIER_FORM : tierFormOf(live),
    (f) => {
      const built = tierYaml(f, live?.yaml, release);
      return "yaml" in built ? { params: built.yaml } : built;
    },
    TIER_FIELDS,
  );
  const yaml = params ?? "";
  const navigate = useNavigate();
  const openInEditor = () => {
    if (!offerToEditor(tabStorage(), cluster, { text: yaml, from: "the tier form" }, Date.now())) return false;
    navigate(clusterPath(cluster, "editor"));
    return true;
  };
  const existing = live === undefined ? tiers.find((t) => t.name === settled.name.trim() && t.exists) : undefined;
  return (
    <div className="wizard">
      <div className="grid-2">
        <section className="panel wizard-form" aria-label="Tier">
          <TierFields form={form} errors={fieldErrors} editing={live !== undefined} onChange={change} />
          {existing !== undefined && (
            <p className="state warn small" data-testid="tier-exists">
              Tier {existing.name} exists (
              {existing.order === null ? "no order" : `order ${existing.order.toLocaleString("en")}`}, then{" "}
              {existing.defaultAction}): applying replaces it.{" "}
              <Link to={`${clusterPath(cluster, "wizard")}?mode=tier&tier=${encodeURIComponent(existing.name)}`}>
                Edit it instead
              </Link>
            </p>
          )}
        </section>
        <section className="panel" aria-labelledby="tier-yaml-title">
          <h2 id="tier-yaml-title">Tier YAML</h2>
          {params === undefined ? (
            <div className="muted" data-testid="still-needed">
              <p>Fill in the fields to build the tier{needed.length > 0 ? ":" : "."}</p>
              <ul>
                {needed.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          ) : (
            <CodeBlock text={yaml} label="Tier YAML" />
          )}
          <ReviewApply
            cluster={cluster}
            yaml={yaml}
            stageable={false}
            {...(params === undefined ? { unavailable: "Fix the fields first" } : {})}
          />
          <ExportActions
            yaml={yaml}
            fileName={`tier-${settled.name.trim() || "new"}.yaml`}
            onOpenInEditor={openInEditor}
          />
        </section>
      </div>
    </div>
  );
}

/** How the editor names where handed-over YAML came from ("Opened from the wizard (Deny NodePorts)"). */
const GENERATOR_TITLES: Record<GeneratorName, string> = {
  "prednat-allowlist": "Pre-DNAT allowlist",
  "deny-nodeports": "Deny NodePorts",
  "log-denied-packets": "Log denied packets",
};

interface GeneratedProps {
  readonly cluster: string;
  readonly generator: GeneratorName;
  readonly params: unknown;
  readonly form: React.ReactNode;
  /** While `params` is undefined: what the form still needs, one message per field. */
  readonly needed?: readonly string[];
  /** A sample packet to a target host endpoint, for the before/after explanation. */
  readonly sample?: (target: string, targetIp: string | undefined) => ExplainRequest | undefined;
}

/** Shared second half of every wizard: the generated (editable) YAML, where it applies, before/after, apply. */
function GeneratedPolicy({ cluster, generator, params, form, needed = [], sample }: GeneratedProps) {
  const theme = useDocumentTheme();
  const generated = useQuery({ ...generatorQuery(cluster, generator, params), enabled: params !== undefined });
  const [edited, setEdited] = useState<{ base: string; text: string } | undefined>();
  const base = generated.data?.yaml ?? "";
  // Edits hold until the form produces different YAML; then the new output wins (the user is told).
  const yaml = edited !== undefined && edited.base === base ? edited.text : base;
  const fileName = useMemo(() => yamlFileName(yaml, generator), [yaml, generator]);
  const navigate = useNavigate();
  const openInEditor = () => {
    const from = `the wizard (${GENERATOR_TITLES[generator]})`;
    if (!offerToEditor(tabStorage(), cluster, { text: yaml, from }, Date.now())) return false;
    navigate(clusterPath(cluster, "editor"));
    return true;
  };
  const data: GeneratorResult | undefined = generated.data;
  const target = data?.appliesTo.items.find((e) => e.kind === "HostEndpoint");
  const targetIp = useTargetIp(cluster, target?.name);
  const sampleRequest = target === undefined || sample === undefined ? undefined : sample(target.id, targetIp);
  const problems = data?.errors ?? [];
  return (
    <div className="wizard">
      <div className="grid-2">
        <section className="panel wizard-form" aria-label="Parameters">
          {form}
        </section>
        <section className="panel" aria-labelledby="gen-title">
          <h2 id="gen-title">Policy YAML (editable)</h2>
          {params === undefined ? (
            <div className="muted" data-testid="still-needed">
              <p>Fill in the fields to generate the policy{needed.length > 0 ? ":" : "."}</p>
              {needed.length > 0 && (
                <ul>
                  {needed.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              )}
            </div>
          ) : generated.isPending ? (
            <LoadingState what="policy" />
          ) : generated.error !== null ? (
            <ErrorState error={generated.error} />
          ) : (
            <div className="wizard-editor">
              <Suspense fallback={<LoadingState what="editor" />}>
                <LazyMonacoEditor
                  value={yaml}
                  onChange={(text) => setEdited({ base, text })}
                  diagnostics={[]}
                  theme={theme}
                  ariaLabel="Generated policy YAML"
                  tabMovesFocus
                  fitContent
                />
              </Suspense>
            </div>
          )}
          {problems.map((p) => (
            <p key={`${p.path}:${p.message}`} className="state error small">
              <code>{p.path}</code>: {p.message}
            </p>
          ))}
          {data?.warnings.map((w) => (
            <p key={w.message} className="state warn small">
              {w.message}
            </p>
          ))}
          <ReviewApply
            cluster={cluster}
            yaml={yaml}
            {...(yaml === ""
              ? { unavailable: "Nothing generated yet" }
              : problems.length > 0
                ? { unavailable: "Fix the problems above first" }
                : {})}
          />
          <ExportActions yaml={yaml} fileName={fileName} onOpenInEditor={openInEditor} />
        </section>
      </div>
      {data !== undefined && (
        <section className="panel" aria-labelledby="applies-title">
          <h2 id="applies-title">
            Will apply to <span className="muted">({data.appliesTo.total})</span>
          </h2>
          <EndpointList
            cluster={cluster}
            matches={data.appliesTo}
            empty="No endpoint matches: the policy would have no effect."
          />
        </section>
      )}
      {sample !== undefined && data !== undefined && (
        <section className="panel" aria-labelledby="ba-title">
          <h2 id="ba-title">What changes for a sample client{target === undefined ? "" : ` at ${target.name}`}</h2>
          {sampleRequest === undefined ? (
            <p className="muted">Give a sample client and port to compare.</p>
          ) : (
            <BeforeAfter cluster={cluster} request={sampleRequest} proposedYaml={yaml} />
          )}
        </section>
      )}
    </div>
  );
}

/** The first expected IP of a host endpoint: where a NodePort packet is addressed before DNAT. */
function useTargetIp(cluster: string, name: string | undefined): string | undefined {
  const heps = useQuery({ ...hostEndpointsQuery(cluster), enabled: name !== undefined });
  return heps.data?.items.find((h) => h.ref.name === name)?.expectedIPs[0];
}
