import { parseEndpointId, refLabel } from "@palisade/calico";
import type { ExplainResult } from "@palisade/contract";
import { parsePolicyKey } from "../../shared/policyKey";

/** Why a host allowlist did not let the packet in: the pod it is translated to drops it in its own chain. */
export interface PodVerdict {
  /** `namespace/name` of the pod. */
  readonly pod: string;
  /** The pod's own ingress policies the packet met, as people name them, in evaluation order. */
  readonly policies: readonly string[];
}

/**
 * When the packet is still denied after the proposed policy, but the deciding step is in the chain of the pod that
 * kube-proxy translated the packet to, while the host endpoint's stages let it through: the allowlist did its part,
 * and the pod's own ingress policy is what refuses the client (Felix runs the pod's chain after the host's, whatever
 * the host's policy decided: docs/calico-semantics.md section 4). Undefined in every other case.
 */
export function podDropsAfterHost(after: ExplainResult): PodVerdict | undefined {
  if (after.verdict !== "deny") return undefined;
  const decided = after.trace[after.decidedBy];
  const podRef = decided?.endpoint === undefined ? undefined : parseEndpointId(decided.endpoint);
  if (podRef?.kind !== "wep") return undefined;
  const pod = `${podRef.namespace}/${podRef.name}`;
  const hostAllowed = after.trace.some(
    (s) => s.result === "allow" && s.endpoint !== undefined && parseEndpointId(s.endpoint)?.kind === "hep",
  );
  if (!hostAllowed) return undefined;
  const policies: string[] = [];
  for (const step of after.trace) {
    if (step.kind !== "policy" || step.endpoint !== decided?.endpoint || step.policy === undefined) continue;
    const ref = parsePolicyKey(step.policy);
    const label = ref === undefined ? step.policy : refLabel(ref);
    if (!policies.includes(label)) policies.push(label);
  }
  return { pod, policies };
}
