import type { ExplainResult, TraceStep } from "@palisade/contract";
import { Link } from "react-router";
import { stageLabel } from "../../components/StageBadges";
import { parsePolicyKey, policyPath } from "../policies/policyKey";
import { dnatLine } from "./dnat";

const RESULT_CLASS: Record<TraceStep["result"], string> = {
  allow: "verdict-allow",
  deny: "verdict-deny",
  pass: "action-Pass",
  next: "action-Log",
  "no-match": "action-Log",
  skip: "action-Log",
};

function StepLabel({ cluster, step }: { cluster: string; step: TraceStep }) {
  const ref = step.policy === undefined ? undefined : parsePolicyKey(step.policy);
  switch (step.kind) {
    case "stage":
      return <strong>{step.stage === undefined ? "Stage" : `${stageLabel(step.stage)} stage`}</strong>;
    case "policy":
    case "rule":
      return ref === undefined ? (
        <span>{step.policy}</span>
      ) : (
        <>
          <Link to={policyPath(cluster, ref)}>{ref.name}</Link>
          {step.rule !== undefined && <span className="muted"> rule {step.rule}</span>}
        </>
      );
    default:
      return <span className="muted">{step.kind}</span>;
  }
}

/** The verdict and Felix's walk, stage by stage, tier by tier, policy by policy; the deciding step stands out. */
export function TraceView({ cluster, result, title }: { cluster: string; result: ExplainResult; title?: string }) {
  return (
    <section
      className="panel trace"
      aria-label={title ?? "Explanation"}
      data-testid="explain-result"
      data-verdict={result.verdict}
    >
      <p className={`verdict verdict-${result.verdict}`} data-testid="verdict">
        {title !== undefined && <span className="verdict-title">{title}: </span>}
        {/^(allowed|denied)\b/i.test(result.summary) ? (
          <strong>{result.summary}</strong>
        ) : (
          <>
            <strong>{result.verdict === "allow" ? "Allowed" : "Denied"}</strong> · {result.summary}
          </>
        )}
      </p>
      {result.dnat !== undefined && (
        <p className="trace-dnat" data-testid="dnat" title={result.dnat.message}>
          <span className="muted">DNAT</span> {dnatLine(result.dnat)}
        </p>
      )}
      <ol className="trace-steps">
        {result.trace.map((step, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: the trace is positional
            key={i}
            className={`trace-step step-${step.kind}${i === result.decidedBy ? " decided" : ""}`}
            data-testid="trace-step"
          >
            <span className="step-what">
              <StepLabel cluster={cluster} step={step} />
            </span>
            <span className="step-message">{step.message}</span>
            <span className={`badge ${RESULT_CLASS[step.result]}`}>{step.result}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
