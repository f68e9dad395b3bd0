import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { explain } from "../../api/explain";
import { hostEndpointsQuery, workloadEndpointsQuery } from "../../api/queries";
import { ErrorState, LoadingState } from "../../components/States";
import { TraceView, verdictText } from "../../components/trace/TraceView";
import { useCluster } from "../../shared/cluster";
import { type ExplainForm, type FormErrors, formFromSearch, formToSearch, toExplainRequest } from "./form";

/** Port and Before DNAT read alike; what each one is, said beside it (docs/calico-semantics.md section 4). */
const HINTS: Partial<Record<keyof ExplainForm, string>> = {
  port: "The destination port the packet was sent to. A Service's NodePort on a host endpoint is followed to its pod.",
  preDnat:
    "Only when the client sent to another address first, such as a load balancer IP:port. Pre-DNAT policy sees " +
    "this address; the later stages see the pod kube-proxy translates it to. Leave empty otherwise.",
};

/** "Would this packet be allowed, and by which rule?" The form lives in the URL, so an answer can be linked. */
export function ExplainPage() {
  const cluster = useCluster();
  const [search, setSearch] = useSearchParams();
  const [form, setForm] = useState<ExplainForm>(() => formFromSearch(search));
  const [errors, setErrors] = useState<FormErrors>({});
  const endpoints = useQuery(hostEndpointsQuery(cluster));
  const pods = useQuery(workloadEndpointsQuery(cluster));
  const run = useMutation({
    mutationFn: (f: ExplainForm) => {
      const built = toExplainRequest(f);
      if ("errors" in built) throw new Error("invalid form");
      return explain(cluster, built.request);
    },
  });
  const submit = (f: ExplainForm) => {
    if (run.isPending) return;
    const built = toExplainRequest(f);
    setErrors("errors" in built ? built.errors : {});
    if ("errors" in built) return;
    setSearch(formToSearch(f), { replace: true });
    run.mutate(f);
  };
  // A shared link with a complete form explains at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on first render
  useEffect(() => {
    const peer = search.has("peer") || search.has("ip") || search.has("labels") || search.has("localHost");
    if (search.has("endpoint") && peer && !("errors" in toExplainRequest(form))) run.mutate(form);
  }, []);
  const set = <K extends keyof ExplainForm>(k: K, v: ExplainForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const field = (k: keyof ExplainForm) => {
    const described = [HINTS[k] === undefined ? "" : `hint-${k}`, errors[k] === undefined ? "" : `err-${k}`];
    return {
      "aria-invalid": errors[k] !== undefined,
      "aria-describedby": described.filter((d) => d !== "").join(" ") || undefined,
    };
  };
  const hint = (k: keyof ExplainForm) =>
    HINTS[k] === undefined ? null : (
      <span id={`hint-${k}`} className="field-hint">
        {HINTS[k]}
      </span>
    );
  const err = (k: keyof ExplainForm) =>
    errors[k] === undefined ? null : (
      <span id={`err-${k}`} className="field-error">
        {errors[k]}
      </span>
    );
  return (
    <section className="page" aria-labelledby="explain-title">
      <header className="page-head">
        <h1 id="explain-title">Explain a packet</h1>
        <p className="muted">Offline: evaluated against Palisade's view of the cluster, no packet is sent.</p>
        <Link to={`/c/${encodeURIComponent(cluster)}/packet-log`}>Explain logged packets…</Link>
      </header>
      <form
        className="panel explain-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit(form);
        }}
      >
        <label className="field">
          <span>Endpoint</span>
          <input
            list="explain-endpoints"
            value={form.endpoint}
            placeholder="hep/<name> or wep/<ns>/<pod>"
            onChange={(e) => set("endpoint", e.target.value)}
            {...field("endpoint")}
          />
          {err("endpoint")}
        </label>
        <label className="field">
          <span>Direction</span>
          <select
            value={form.direction}
            onChange={(e) => set("direction", e.target.value === "Egress" ? "Egress" : "Ingress")}
          >
            <option value="Ingress">Ingress (peer → endpoint)</option>
            <option value="Egress">Egress (endpoint → peer)</option>
          </select>
        </label>
        <label className="field">
          <span>Peer endpoint</span>
          <input
            value={form.peer}
            placeholder="wep/<ns>/<pod> (optional)"
            onChange={(e) => set("peer", e.target.value)}
            {...field("peer")}
          />
          {err("peer")}
        </label>
        <label className="field">
          <span>Peer IP</span>
          <input
            value={form.ip}
            placeholder="203.0.113.9"
            onChange={(e) => set("ip", e.target.value)}
            {...field("ip")}
          />
          {err("ip")}
        </label>
        <label className="field">
          <span>Peer labels</span>
          <input
            value={form.labels}
            placeholder="app=web, role=frontend"
            onChange={(e) => set("labels", e.target.value)}
            {...field("labels")}
          />
          {err("labels")}
        </label>
        <label className="field field-check">
          <input
            type="checkbox"
            checked={form.localHost === "1"}
            onChange={(e) => set("localHost", e.target.checked ? "1" : "")}
          />
          <span>Peer is the endpoint's own node (a host process)</span>
        </label>
        <label className="field">
          <span>Protocol</span>
          <input
            list="explain-protocols"
            value={form.protocol}
            onChange={(e) => set("protocol", e.target.value)}
            {...field("protocol")}
            size={8}
          />
          {err("protocol")}
        </label>
        {/* Not wrapped in the label: the hint under the input would become part of the field's name. */}
        <div className="field">
          <label htmlFor="explain-port">Port</label>
          <input
            id="explain-port"
            value={form.port}
            inputMode="numeric"
            placeholder="443"
            onChange={(e) => set("port", e.target.value)}
            {...field("port")}
            size={7}
          />
          {hint("port")}
          {err("port")}
        </div>
        <div className="field">
          <label htmlFor="explain-pre-dnat">Before DNAT (NodePort/LB)</label>
          <input
            id="explain-pre-dnat"
            value={form.preDnat}
            placeholder="198.51.100.14:30080"
            onChange={(e) => set("preDnat", e.target.value)}
            {...field("preDnat")}
          />
          {hint("preDnat")}
          {err("preDnat")}
        </div>
        <div className="field form-submit">
          {/* aria-disabled, not disabled, while pending: a disabled button drops the keyboard focus to <body>. */}
          <button type="submit" className="btn btn-primary" aria-disabled={run.isPending}>
            {run.isPending ? "Explaining…" : "Explain"}
          </button>
        </div>

        <datalist id="explain-endpoints">
          {(endpoints.data?.items ?? []).map((h) => (
            <option key={h.ref.id} value={h.ref.id}>
              {h.interfaceName} {h.expectedIPs.join(", ")}
            </option>
          ))}
          {(pods.data?.items ?? []).map((w) => (
            <option key={w.ref.id} value={w.ref.id}>
              pod on {w.node} {w.ips.join(", ")}
            </option>
          ))}
        </datalist>
        <datalist id="explain-protocols">
          {["TCP", "UDP", "SCTP", "ICMP", "ICMPv6"].map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </form>
      <p className="sr-only" aria-live="polite" data-testid="explain-announcer">
        {run.data === undefined || run.isPending ? "" : verdictText(run.data)}
      </p>
      {run.isPending && <LoadingState what="explanation" />}
      {run.error !== null && <ErrorState error={run.error} />}
      {run.data !== undefined && <TraceView cluster={cluster} result={run.data} />}
    </section>
  );
}
