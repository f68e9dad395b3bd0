import type { ExplainResult, TraceStep } from "@palisade/contract";
import { stepEndpoint } from "../../components/trace/stages";

/** What the host endpoint's own chains did with a packet. */
export interface HostDecision {
  /** The host endpoint's name. */
  readonly endpoint: string;
  /** `none`: no host policy decided; the packet went on to what follows (the pod's chain, or Felix's defaults). */
  readonly outcome: "allow" | "deny" | "undetermined" | "none";
  /** The deciding step's stage, policy key (`PolicySummary.key`) and rule (1-based), when a policy decided. */
  readonly stage?: TraceStep["stage"];
  readonly policy?: string;
  readonly rule?: number;
  /** When no policy decided: what did (`at the end of tier default`, `by Felix's failsafe rules`, …). */
  readonly reason?: string;
}

/** What decides a packet when no policy rule does, as a phrase after "Let through" or "Dropped". */
function reasonOf(step: TraceStep): string | undefined {
  switch (step.kind) {
    case "end-of-tier":
      return `at the end of tier ${step.tier ?? "default"}`;
    case "profile":
      return step.profile === undefined ? "by a profile" : `by profile ${step.profile}`;
    case "failsafe":
      return "by Felix's failsafe rules";
    case "established":
      return "as part of an established connection";
    case "default":
      return "by Felix's default, no policy applying";
    default:
      return undefined;
  }
}

const DECIDING = new Set<TraceStep["result"]>(["allow", "deny", "undetermined"]);

/**
 * The first decision the host endpoint's stages made (untracked, preDNAT, forward or its normal chain): an Allow in
 * an early stage lets the packet past the host (later host stages are skipped, docs/calico-semantics.md section 4),
 * a Deny drops it. Undefined when the packet met no host endpoint.
 */
export function hostDecision(result: ExplainResult): HostDecision | undefined {
  const host = result.trace.filter((s) => stepEndpoint(s.endpoint)?.kind === "host" && s.kind !== "dnat");
  const first = host[0];
  if (first === undefined) return undefined;
  const endpoint = stepEndpoint(first.endpoint)?.name ?? "";
  const decided = host.find((s) => DECIDING.has(s.result));
  if (decided === undefined) return { endpoint, outcome: "none" };
  return {
    endpoint,
    outcome: decided.result === "allow" ? "allow" : decided.result === "deny" ? "deny" : "undetermined",
    stage: decided.stage,
    ...(decided.policy === undefined ? {} : { policy: decided.policy }),
    ...(decided.rule === undefined ? {} : { rule: decided.rule + 1 }),
    ...(decided.policy === undefined && reasonOf(decided) !== undefined ? { reason: reasonOf(decided) } : {}),
  };
}

/** Whether the proposed policy changes what the host endpoint decides (the outcome, or which policy decides it). */
export function hostChanged(before: HostDecision | undefined, after: HostDecision | undefined): boolean {
  return (
    before?.outcome !== after?.outcome ||
    before?.policy !== after?.policy ||
    before?.stage !== after?.stage ||
    before?.rule !== after?.rule ||
    before?.reason !== after?.reason
  );
}
