import type { ExplainResult, TraceStep } from "@palisade/contract";
import { Fragment } from "react";
import { Link } from "react-router";
import { parsePolicyKey, policyPath } from "../../shared/policyKey";
import { stageLabel } from "../StageBadges";
import { dnatLine } from "./dnat";
import { type StageOutcome, type StepEndpoint, stagePath, stepEndpoint } from "./stages";

const RESULT_CLASS: Record<TraceStep["result"], string> = {
  allow: "verdict-allow",
  deny: "verdict-deny",
  undetermined: "verdict-undetermined",
  pass: "action-Pass",
  next: "action-Log",
  "no-match": "action-Log",
  skip: "action-Log",
};

const OUTCOME_CLASS: Record<StageOutcome, string> = {
  allow: "verdict-allow",
  deny: "verdict-deny",
  undetermined: "verdict-undetermined",
  accepted: "muted",
  passed: "muted",
};

const VERDICT_TEXT: Record<ExplainResult["verdict"], string> = {
  allow: "Allowed",
  deny: "Denied",
  undetermined: "Undetermined",
};

function leadsWithVerdict(result: ExplainResult): boolean {
  return /^(allowed|denied|undetermined)\b/i.test(result.summary);
}

/** The verdict as one sentence: the summary when it starts with the verdict, else the verdict then the summary. */
export function verdictText(result: ExplainResult): string {
  return leadsWithVerdict(result) ? result.summary : `${VERDICT_TEXT[result.verdict]} · ${result.summary}`;
}

// The trace's own indentation classes: stages flush left, policies, rules and tier ends under them.
const STEP_CLASS: Partial<Record<TraceStep["kind"], string>> = { "end-of-tier": "step-tier-end" };

const OUTCOME_TEXT: Record<StageOutcome, string> = {
  allow: "allowed",
  deny: "denied",
  undetermined: "undetermined",
  accepted: "accepted, goes on",
  passed: "no decision, goes on",
};

function EndpointName({ cluster, endpoint }: { cluster: string; endpoint: StepEndpoint }) {
  return endpoint.kind === "host" ? (
    <>
      host endpoint{" "}
      <Link to={`/c/${encodeURIComponent(cluster)}/hostendpoints/${encodeURIComponent(endpoint.name)}`}>
        {endpoint.name}
      </Link>
    </>
  ) : (
    <>pod {endpoint.name}</>
  );
}

function StepLabel({ cluster, step }: { cluster: string; step: TraceStep }) {
  const ref = step.policy === undefined ? undefined : parsePolicyKey(step.policy);
  const endpoint = stepEndpoint(step.endpoint);
  switch (step.kind) {
    case "stage":
      return (
        <span>
          <strong>{stageLabel(step.stage)} stage</strong>
          {endpoint !== undefined && (
            <>
              {" "}
              <span className="muted">of</span> <EndpointName cluster={cluster} endpoint={endpoint} />
            </>
          )}
        </span>
      );
    case "dnat":
      return <strong>DNAT (kube-proxy)</strong>;
    case "policy":
    case "rule":
      return ref === undefined ? (
        <span>{step.policy}</span>
      ) : (
        <>
          <Link to={policyPath(cluster, ref)}>{ref.name}</Link>
          {step.rule !== undefined && <span className="muted"> rule {step.rule + 1}</span>}
        </>
      );
    case "end-of-tier":
      return <span className="muted">end of tier {step.tier}</span>;
    case "profile":
      return <span className="muted">profile {step.profile}</span>;
    default:
      return <span className="muted">{step.kind}</span>;
  }
}

/** The stages in order, each with the endpoint it ran on and what it did, and the DNAT between them. */
function StagePath({ result }: { result: ExplainResult }) {
  const legs = stagePath(result);
  if (legs.length === 0) return null;
  return (
    <p className="stage-path" data-testid="stage-path">
      <span className="muted">Path</span>{" "}
      {legs.map((leg, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the path is positional
        <Fragment key={i}>
          {i > 0 && " → "}
          {leg.kind === "dnat" ? (
            <strong>DNAT</strong>
          ) : (
            <span data-testid="stage-leg" data-outcome={leg.outcome}>
              {stageLabel(leg.stage)}
              {leg.endpoint !== undefined && (
                <>
                  {" on "}
                  {leg.endpoint.kind === "host" ? `HEP ${leg.endpoint.name}` : leg.endpoint.text}
                </>
              )}{" "}
              <span className={OUTCOME_CLASS[leg.outcome]}>({OUTCOME_TEXT[leg.outcome]})</span>
            </span>
          )}
        </Fragment>
      ))}
    </p>
  );
}

/**
 * The verdict and Felix's walk, stage by stage, tier by tier, policy by policy; each stage names the endpoint whose
 * chain it is (the host endpoint, or after DNAT the pod); the deciding step stands out.
 */
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
        {leadsWithVerdict(result) ? (
          <strong>{result.summary}</strong>
        ) : (
          <>
            <strong>{VERDICT_TEXT[result.verdict]}</strong> · {result.summary}
          </>
        )}
      </p>
      {result.dnat !== undefined && (
        <p className="trace-dnat" data-testid="dnat" title={result.dnat.message}>
          <span className="muted">DNAT</span> {dnatLine(result.dnat)}
        </p>
      )}
      <StagePath result={result} />
      <ol className="trace-steps">
        {result.trace.map((step, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: the trace is positional
            key={i}
            className={`trace-step step-${step.kind}${step.kind === "dnat" ? " step-stage" : ""} ${STEP_CLASS[step.kind] ?? ""}${i === result.decidedBy ? " decided" : ""}`}
            data-testid="trace-step"
            data-endpoint={step.endpoint}
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
