import type { AppliedPolicy, Stage, StagePolicies } from "@palisade/contract";
import { Link } from "react-router";
import { parsePolicyKey, policyPath } from "../shared/policyKey";
import { StageBadges } from "./StageBadges";

// Felix's order of stages for a packet arriving at a host interface (docs/calico-semantics.md section 4).
const STAGE_ORDER: readonly Stage[] = ["untracked", "preDNAT", "normal", "forward"];
const STAGE_HELP: Record<Stage, string> = {
  untracked: "raw table, before conntrack",
  preDNAT: "mangle PREROUTING, ingress, before DNAT",
  normal: "filter table, host traffic",
  forward: "applyOnForward policies, forwarded traffic",
};

function PolicyItem({ cluster, p }: { cluster: string; p: AppliedPolicy }) {
  const ref = parsePolicyKey(p.key);
  return (
    <li data-testid="stage-policy" className={p.staged ? "staged" : undefined}>
      <span className="order num">{p.order ?? "–"}</span>
      {ref === undefined ? <span>{p.name}</span> : <Link to={policyPath(cluster, ref)}>{p.name}</Link>}
      <span className="muted"> {p.directions.join(" + ")}</span>
      {p.tier !== "default" && <span className="muted"> · tier {p.tier}</span>}
      {p.staged && <StageBadges stages={["staged"]} />}
    </li>
  );
}

/** An endpoint's policies, stage by stage, each list in evaluation order. */
export function StagePolicyLists({ cluster, policies }: { cluster: string; policies: StagePolicies }) {
  return (
    <div className="stage-lists">
      {STAGE_ORDER.map((stage) => (
        <section key={stage} className="stage-list" aria-label={`${stage} stage`} data-stage={stage}>
          <h3>
            <StageBadges stages={[stage]} showNormal /> <span className="stage-help">{STAGE_HELP[stage]}</span>
          </h3>
          {policies[stage].length === 0 ? (
            <p className="muted small">No policy.</p>
          ) : (
            <ol>
              {policies[stage].map((p) => (
                <PolicyItem key={p.key} cluster={cluster} p={p} />
              ))}
            </ol>
          )}
        </section>
      ))}
    </div>
  );
}
