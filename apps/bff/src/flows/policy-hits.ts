/**
 * Between Goldmane's policy hits and Palisade's policies: which policy a hit names, and the hits a Palisade trace
 * amounts to (how Felix would report the same walk: the enforced rules that acted, in order, and what staged policies
 * would have done).
 */
import type { MatchIndex } from "@palisade/calico";
import { parseResourceKey } from "@palisade/calico";
import type { ExplainResult, FlowPolicyHit, FlowPolicyKind, FlowPolicyRef } from "@palisade/contract";

/** Goldmane's kind → Palisade's (undefined: not a policy, e.g. a profile or a tier's end). */
const PALISADE_KIND: Record<FlowPolicyKind, string | undefined> = {
  CalicoNetworkPolicy: "NetworkPolicy",
  GlobalNetworkPolicy: "GlobalNetworkPolicy",
  StagedNetworkPolicy: "StagedNetworkPolicy",
  StagedGlobalNetworkPolicy: "StagedGlobalNetworkPolicy",
  StagedKubernetesNetworkPolicy: "StagedKubernetesNetworkPolicy",
  NetworkPolicy: "KubernetesNetworkPolicy",
  AdminNetworkPolicy: "AdminNetworkPolicy",
  BaselineAdminNetworkPolicy: "BaselineAdminNetworkPolicy",
  Profile: undefined,
  EndOfTier: undefined,
};

const GOLDMANE_KIND = new Map<string, FlowPolicyKind>(
  Object.entries(PALISADE_KIND).flatMap(([goldmane, palisade]) =>
    palisade === undefined ? [] : [[palisade, goldmane as FlowPolicyKind]],
  ),
);

/**
 * The `PolicySummary.key` of the policy a hit names, if the model has it. Felix may report a name with its tier
 * prefix (`default.x`, older releases) or a Kubernetes policy by its Calico name (`knp.default.x`); both are tried.
 */
export function policyKeyOf(
  index: MatchIndex,
  ref: Pick<FlowPolicyRef, "kind" | "tier" | "name" | "namespace">,
): string | undefined {
  const kind = PALISADE_KIND[ref.kind];
  if (kind === undefined) return undefined;
  const names = [ref.name];
  if (ref.name.startsWith(`${ref.tier}.`)) names.push(ref.name.slice(ref.tier.length + 1));
  if (ref.name.startsWith("knp.default.")) names.push(ref.name.slice("knp.default.".length));
  for (const name of names) {
    const key = `${kind}/${ref.namespace ?? ""}/${name}`;
    if (index.policy(key) !== undefined) return key;
  }
  return undefined;
}

/** The hit's reference with its Palisade key filled in from the model. */
export function withPolicyKey<T extends FlowPolicyRef>(index: MatchIndex, ref: T): T {
  const policy = policyKeyOf(index, ref);
  const { policy: _old, ...rest } = ref;
  return (policy === undefined ? rest : { ...rest, policy }) as T;
}

/** A Palisade policy key as Goldmane names the policy. */
function refOfKey(key: string, tier: string): FlowPolicyRef | undefined {
  const ref = parseResourceKey(key);
  const kind = ref === undefined ? undefined : GOLDMANE_KIND.get(ref.kind);
  if (ref === undefined || kind === undefined) return undefined;
  return {
    kind,
    tier,
    name: ref.name,
    ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }),
    policy: key,
  };
}

const ACTION = { allow: "Allow", deny: "Deny", pass: "Pass" } as const;

type Step = ExplainResult["trace"][number];

/** A profile step whose rule matched: the profile's allow (Calico's built-in profiles only allow). */
const profileAllowed = (s: Step) => s.kind === "profile" && s.rule !== undefined;

/**
 * What one endpoint's own chain did in a walk that may cross several (a pod's egress, then the peer pod's ingress):
 * Felix on that endpoint's node reports only those steps. The walk's deciding step when it is the endpoint's; else the
 * endpoint's last step that allowed the packet (it went on to be decided elsewhere); `undetermined` when the walk
 * could not be decided before leaving the endpoint.
 */
export function localOutcome(
  result: ExplainResult,
  endpoint: string,
): { verdict: "allow" | "deny" | "undetermined"; step: number | undefined } {
  const decider = result.trace[result.decidedBy];
  if (decider?.endpoint === endpoint) return { verdict: result.verdict, step: result.decidedBy };
  for (let i = result.trace.length - 1; i >= 0; i--) {
    const s = result.trace[i];
    if (s?.endpoint !== endpoint) continue;
    if (s.result === "allow" || profileAllowed(s)) return { verdict: "allow", step: i };
  }
  const visited = result.trace.some((s) => s.endpoint === endpoint);
  return { verdict: result.verdict === "undetermined" && !visited ? "undetermined" : "allow", step: undefined };
}

/**
 * The hits Felix on `endpoint`'s node reports for a walk Palisade traced, up to that endpoint's outcome: each enforced rule that allowed, denied or passed the packet and
 * each tier end that took effect (its trigger: the tier's first policy that applied), in order; pending hits are the
 * matching rules of staged policies (their first per policy), which act only in the flow's pending trace.
 */
export function hitsOfTrace(
  result: ExplainResult,
  endpoint: string,
): { enforced: FlowPolicyHit[]; pending: FlowPolicyHit[] } {
  const enforced: FlowPolicyHit[] = [];
  const pending: FlowPolicyHit[] = [];
  const policyIndex = new Map<string, number>();
  const firstInTier = new Map<string, string>();
  const stagedSeen = new Set<string>();
  const last = localOutcome(result, endpoint).step ?? result.trace.length - 1;
  for (const [i, step] of result.trace.entries()) {
    if (step.endpoint !== endpoint || i > last) continue;
    if (step.kind === "policy" && step.policy !== undefined && step.tier !== undefined) {
      if (!policyIndex.has(step.policy)) policyIndex.set(step.policy, policyIndex.size);
      if (step.staged !== true && !firstInTier.has(step.tier)) firstInTier.set(step.tier, step.policy);
      continue;
    }
    const action =
      step.result === "allow" || step.result === "deny" || step.result === "pass"
        ? step.result
        : profileAllowed(step)
          ? "allow"
          : undefined;
    if (step.kind === "rule" && step.policy !== undefined && step.tier !== undefined && step.matched === true) {
      const ref = refOfKey(step.policy, step.tier);
      const ruleAction =
        step.action === "Allow" || step.action === "Deny" || step.action === "Pass" ? step.action : undefined;
      if (ref === undefined) continue;
      const index = policyIndex.get(step.policy) ?? policyIndex.size;
      if (step.staged === true) {
        if (ruleAction === undefined || stagedSeen.has(step.policy)) continue;
        stagedSeen.add(step.policy);
        pending.push({ ...ref, action: ruleAction, policyIndex: index, ruleIndex: step.rule ?? 0 });
      } else if (action !== undefined) {
        enforced.push({ ...ref, action: ACTION[action], policyIndex: index, ruleIndex: step.rule ?? 0 });
      }
    } else if (step.kind === "end-of-tier" && step.tier !== undefined && action !== undefined) {
      const triggerKey = firstInTier.get(step.tier);
      const trigger = triggerKey === undefined ? undefined : refOfKey(triggerKey, step.tier);
      enforced.push({
        kind: "EndOfTier",
        tier: step.tier,
        name: trigger?.name ?? step.tier,
        ...(trigger?.namespace === undefined ? {} : { namespace: trigger.namespace }),
        action: ACTION[action],
        policyIndex: policyIndex.size,
        ruleIndex: -1,
        ...(trigger === undefined ? {} : { trigger }),
      });
    } else if (step.kind === "profile" && step.profile !== undefined && action !== undefined) {
      enforced.push({
        kind: "Profile",
        tier: "__PROFILE__",
        name: step.profile,
        action: ACTION[action],
        policyIndex: policyIndex.size,
        ruleIndex: step.rule ?? -1,
      });
    }
  }
  return { enforced, pending };
}
