import type { PacketLogAddress, PacketLogEntry } from "@palisade/contract";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { readPacketLog } from "../../api/explain";
import { ErrorState, LoadingState } from "../../components/States";
import { TraceView } from "../../components/trace/TraceView";
import { useCluster } from "../../shared/cluster";
import { policyPath } from "../../shared/policyKey";
import { useUrlText } from "../../shared/useUrlText";
import { explainSearch } from "./explainLink";

type Parsed = Extract<PacketLogEntry, { ok: true }>;

const EXAMPLE =
  "Dec  7 21:04:11 worker-1 kernel: [ 812.517354] calico-packet: IN=eth1 OUT= SRC=203.0.113.7 DST=198.51.100.14 LEN=60 TTL=52 DF PROTO=TCP SPT=51234 DPT=22 SYN";

/**
 * Lines a worker's syslog holds from Felix's Log rules, pasted: each parsed (or its error), its addresses named with
 * what NAT may hide, the policy its prefix names, and the packet explained at the endpoint that logged it.
 */
export function PacketLogPage() {
  const cluster = useCluster();
  const [text, setText] = useState("");
  const [logPrefix, setLogPrefix] = useUrlText("logPrefix");
  const run = useMutation({
    mutationFn: () => readPacketLog(cluster, { text, ...(logPrefix.trim() === "" ? {} : { logPrefix }) }),
  });
  const entries = run.data?.entries ?? [];
  const bad = entries.filter((e) => !e.ok).length;
  return (
    <section className="page" aria-labelledby="packet-log-title">
      <header className="page-head">
        <h1 id="packet-log-title">Logged packets</h1>
        <p className="muted">
          Paste lines from a worker's <code>/var/log/syslog</code>, <code>journalctl -k</code> or <code>dmesg</code>{" "}
          written by Log rules (iptables LOG or nftables log). Nothing is sent to the cluster.
        </p>
      </header>
      <form
        className="panel stack"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <label className="field">
          <span>Log lines</span>
          <textarea
            rows={7}
            value={text}
            placeholder={EXAMPLE}
            spellCheck={false}
            onChange={(e) => setText(e.target.value)}
            data-testid="packet-log-text"
          />
        </label>
        <div className="toolbar">
          <label className="field grow">
            <span>FelixConfiguration logPrefix</span>
            <input
              value={logPrefix}
              placeholder="calico-packet"
              onChange={(e) => setLogPrefix(e.target.value)}
              aria-describedby="log-prefix-help"
            />
          </label>
          <button type="submit" className="btn btn-primary" disabled={text.trim() === "" || run.isPending}>
            {run.isPending ? "Reading…" : "Read lines"}
          </button>
        </div>
        <p id="log-prefix-help" className="muted small">
          As set in the cluster's FelixConfiguration (default <code>calico-packet</code>). From Calico 3.32 it can carry{" "}
          <code>%t</code> tier, <code>%k</code> kind, <code>%n</code> name and <code>%p</code> namespace/name, and then
          each line names its policy; iptables keeps only 29 characters of it, nftables 127.
        </p>
      </form>
      {run.isPending && <LoadingState what="log lines" />}
      {run.error !== null && <ErrorState error={run.error} />}
      {run.data !== undefined && (
        <p className="muted" role="status">
          {entries.length - bad} of {entries.length} lines read{bad > 0 ? `; ${bad} could not be read` : ""}.
        </p>
      )}
      {entries.map((e) =>
        e.ok ? (
          <LoggedPacket key={e.line} cluster={cluster} entry={e} templated={run.data?.templated === true} />
        ) : (
          <p key={e.line} className="panel line-error" data-testid="packet-log-error">
            {e.message}
          </p>
        ),
      )}
    </section>
  );
}

function LoggedPacket({ cluster, entry: e, templated }: { cluster: string; entry: Parsed; templated: boolean }) {
  const port = (p: number | undefined) => (p === undefined ? "" : `:${p}`);
  return (
    <article className="panel stack" data-testid="packet-log-entry" aria-label={`Line ${e.line}`}>
      <header className="page-head">
        <strong>
          Line {e.line}: {e.protocol} {e.source.ip}
          {port(e.srcPort)} → {e.destination.ip}
          {port(e.dstPort)}
        </strong>
        <span className="muted small">
          {[e.time, e.host, `prefix “${e.prefix.trimEnd()}”${e.truncated ? " (cut by the kernel)" : ""}`, e.dataplane]
            .filter((w) => w !== undefined)
            .join(" · ")}
        </span>
      </header>
      <p>
        <span className="muted">Logged at </span>
        {e.loggedAt}
      </p>
      <div className="grid-2">
        <Address title="Source" address={e.source} />
        <Address title="Destination" address={e.destination} />
      </div>
      {e.policy === undefined && templated && (
        <p className="muted" data-testid="packet-log-policy">
          The prefix does not fit the logPrefix above, so it names no policy (another Felix setting, or Calico before
          3.32).
        </p>
      )}
      {e.policy !== undefined && (
        <p data-testid="packet-log-policy">
          <span className="muted">Prefix names </span>
          {e.policy.ref === undefined ? (
            e.policy.message
          ) : (
            <Link to={policyPath(cluster, e.policy.ref)}>{e.policy.message}</Link>
          )}
        </p>
      )}
      {e.explain !== undefined && (
        <p>
          <Link to={`/c/${encodeURIComponent(cluster)}/explain?${explainSearch(e.explain)}`}>Open in Explain</Link>
        </p>
      )}
      {e.explainError !== undefined && <p className="field-error">Explain: {e.explainError}</p>}
      {e.verdict !== undefined && <TraceView cluster={cluster} result={e.verdict} title="Palisade's explain" />}
    </article>
  );
}

function Address({ title, address }: { title: string; address: PacketLogAddress }) {
  return (
    <div>
      <h2 className="small muted">
        {title} <span className="mono">{address.ip}</span>
      </h2>
      <ul className="plain">
        {address.names.map((n) => (
          <li key={n}>{n}</li>
        ))}
        {address.caveats.map((c) => (
          <li key={c} className="caveat" data-testid="nat-caveat">
            NAT: {c}
          </li>
        ))}
      </ul>
    </div>
  );
}
