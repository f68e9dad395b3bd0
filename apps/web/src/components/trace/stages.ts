import { endpointIdLabel, parseEndpointId } from "@palisade/calico";
import type { ExplainResult, TraceStep } from "@palisade/contract";

/** The endpoint a trace step belongs to, read from its id (`hep/<name>` or `wep/<namespace>/<pod>`). */
export interface StepEndpoint {
  readonly kind: "host" | "pod";
  /** Host endpoint name, or `namespace/pod`. */
  readonly name: string;
  /** For people: `host endpoint <name>` or `pod <namespace>/<pod>`. */
  readonly text: string;
}

export function stepEndpoint(id: string | undefined): StepEndpoint | undefined {
  const ref = id === undefined ? undefined : parseEndpointId(id);
  if (id === undefined || ref === undefined) return undefined;
  const text = endpointIdLabel(id);
  return ref.kind === "hep"
    ? { kind: "host", name: ref.name, text }
    : { kind: "pod", name: `${ref.namespace}/${ref.name}`, text };
}

/**
 * What a stage did to the packet: decided it (`allow`, `deny`), left it open (`undetermined`), accepted it but a later
 * stage still applies (`accepted`: a preDNAT or forward Allow before the pod's own policy), or decided nothing
 * (`passed`).
 */
export type StageOutcome = "allow" | "deny" | "undetermined" | "accepted" | "passed";

/** One leg of the packet's path: a stage of one endpoint's chains, or kube-proxy's translation between them. */
export type PathLeg =
  | {
      readonly kind: "stage";
      readonly stage: TraceStep["stage"];
      readonly endpoint: StepEndpoint | undefined;
      readonly outcome: StageOutcome;
    }
  | { readonly kind: "dnat" };

/**
 * The stages the packet met, in order, each with the endpoint whose chain it is and what it did; the DNAT between
 * them. Steps before the first stage (failsafe) are not a stage; a stage ends where the next one (or DNAT) starts.
 */
export function stagePath(result: ExplainResult): PathLeg[] {
  const legs: PathLeg[] = [];
  result.trace.forEach((step, i) => {
    if (step.kind === "dnat") {
      legs.push({ kind: "dnat" });
      return;
    }
    if (step.kind !== "stage") return;
    const next = result.trace.findIndex((s, j) => j > i && (s.kind === "stage" || s.kind === "dnat"));
    const end = next === -1 ? result.trace.length : next;
    const steps = result.trace.slice(i, end);
    const decides = result.decidedBy >= i && result.decidedBy < end;
    legs.push({
      kind: "stage",
      stage: step.stage,
      endpoint: stepEndpoint(step.endpoint),
      outcome: decides ? result.verdict : steps.some((s) => s.result === "allow") ? "accepted" : "passed",
    });
  });
  return legs;
}
