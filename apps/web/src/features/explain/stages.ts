import type { ExplainResult, TraceStep } from "@palisade/contract";

/** The endpoint a trace step belongs to, read from its id (`hep/<name>` or `wep/<namespace>/<pod>`). */
export interface StepEndpoint {
  /** `node`: a node's interface whose host endpoint routing decides (`node/<name>`). */
  readonly kind: "host" | "pod" | "node";
  /** Host endpoint name, `namespace/pod`, or node name. */
  readonly name: string;
  /** For people: `host endpoint <name>`, `pod <namespace>/<pod>` or `node <name>`. */
  readonly text: string;
}

export function stepEndpoint(id: string | undefined): StepEndpoint | undefined {
  if (id === undefined) return undefined;
  if (id.startsWith("hep/")) {
    const name = id.slice("hep/".length);
    return { kind: "host", name, text: `host endpoint ${name}` };
  }
  if (id.startsWith("wep/")) {
    const name = id.slice("wep/".length);
    return { kind: "pod", name, text: `pod ${name}` };
  }
  if (id.startsWith("node/")) {
    const name = id.slice("node/".length);
    return { kind: "node", name, text: `node ${name}` };
  }
  return undefined;
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
