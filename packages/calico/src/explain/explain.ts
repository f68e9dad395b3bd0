/**
 * "Would this packet be allowed, and by which rule?" Walks the chains Felix programs for an endpoint
 * (docs/calico-semantics.md section 4 "Chain layout", "How policies are split", "Consequences"):
 * - host endpoints, ingress: untracked (raw), preDNAT (mangle), then normal (to the host) or forward (through it);
 *   egress: untracked then normal, or forward when forwarded; workload endpoints: normal only;
 * - a Service packet into a host endpoint (`dnat`): kube-proxy translates it after the preDNAT stage; the host
 *   endpoint's forward stage and then the pod's own ingress policy see the pod as the destination (its address,
 *   targetPort, labels). A preDNAT Allow skips the forward stage but never the pod's policy (felix/rules/static.go
 *   StaticFilterForwardChains: from-host-endpoint forward chains only while the accept mark is clear, then the
 *   to-workload chains);
 * - failsafe ports first on host endpoints (not in forward chains, and for forwarded traffic they only skip the
 *   untracked and preDNAT stages); conntrack accepts established traffic in every chain but the untracked one; an
 *   untracked or preDNAT Allow skips the host endpoint's later stages;
 * - tiers in order (section 2): Allow and Deny decide, Pass goes to the next tier, Log goes on; staged policies
 *   never enforce; at the end of a tier the tier's default action, except in untracked and preDNAT tiers (Pass) and
 *   in tiers whose policies are all staged; then profiles; nothing accepted means drop.
 * Every trace step names the endpoint whose chain it belongs to.
 */
import type { CompiledPolicy, CompiledRule, Direction, Stage } from "../endpoints/compiled-policy";
import { entityRuleSelectors } from "../endpoints/effective-selectors";
import type { Endpoint } from "../endpoints/endpoint";
import type { MatchIndex, TierPolicies } from "../endpoints/match-index";
import type { Action } from "../model/rule";
import { endpointIdLabel, keyLabel, refLabel } from "../refs/refs";
import { err, ok, type Result } from "../result";
import { formatIp } from "../validate/net";
import { DEFAULT_FAILSAFE, describeFailsafe, matchFailsafe } from "./failsafe";
import { buildPacket, type PodLeg } from "./packet-sides";
import { profileRules } from "./profiles";
import type { ExplainError, ExplainOptions, ExplainQuery, Explanation, TraceStep } from "./query";
import { matchRule, type Packet } from "./rule-match";

type Outcome = "allow" | "deny" | "continue";

/** Where the walk is: which endpoint's chain, which stage, which direction, and the packet as that chain sees it. */
interface Walk {
  readonly endpoint: Endpoint;
  readonly stage: Stage;
  readonly direction: Direction;
  readonly packet: Packet;
  readonly trace: TraceStep[];
}

export function explain(
  index: MatchIndex,
  q: ExplainQuery,
  options: ExplainOptions = {},
): Result<Explanation, ExplainError> {
  const built = buildPacket(index, q);
  if (!built.ok) return err(built.error);
  const { packet, preDnatPacket, endpoint, peer, peerSummary, pod } = built.value;
  const trace: TraceStep[] = [{ kind: "peer", message: peerSummary }];
  const done = (verdict: "allow" | "deny"): Result<Explanation, ExplainError> => {
    const decidedBy = trace[trace.length - 1];
    if (decidedBy === undefined) throw new Error("explain decided without a trace step");
    return ok({ verdict, summary: summarize(verdict, decidedBy), decidedBy, trace });
  };
  const forwarded = q.forwarded === true || pod !== undefined;
  const stages = stagesFor(endpoint, q.direction, forwarded);
  const policies = index.policiesForEndpoint(endpoint.id);
  const note = (stage: Stage, message: string) => trace.push({ kind: "note", stage, endpoint: endpoint.id, message });
  // Untracked and preDNAT chains see the packet before DNAT; normal and forward chains after it.
  const seenIn = (stage: Stage) => (stage === "untracked" || stage === "preDNAT" ? preDnatPacket : packet);
  let skipBeforeDnat = false;

  const first = stages[0];
  if (endpoint.kind === "host" && first !== undefined && first !== "forward") {
    const failsafe = options.failsafe ?? DEFAULT_FAILSAFE;
    const entries = q.direction === "ingress" ? failsafe.inbound : failsafe.outbound;
    const hit = matchFailsafe(entries, packet.protocol, preDnatPacket.destination.port, peer.ip);
    if (hit !== undefined) {
      const what = `failsafe ${q.direction === "ingress" ? "inbound" : "outbound"} port ${describeFailsafe(hit)}`;
      if (!forwarded) {
        trace.push({
          kind: "failsafe",
          stage: first,
          endpoint: endpoint.id,
          message: `${what}: allowed before any policy`,
        });
        return done("allow");
      }
      // The raw and mangle failsafe rules ACCEPT without Calico's accept mark, so filter FORWARD still applies the
      // forward policy (which has no failsafe chain) and the pod's policy (felix/rules/static.go, failsafeInChain and
      // StaticFilterForwardChains).
      trace.push({
        kind: "failsafe",
        stage: first,
        endpoint: endpoint.id,
        message: `${what}: skips untracked and preDNAT policy; forwarded traffic still meets forward policy`,
      });
      skipBeforeDnat = true;
    }
  }

  let acceptedBeforeDnat = false;
  for (const stage of stages) {
    const beforeDnat = stage === "untracked" || stage === "preDNAT";
    if (beforeDnat && skipBeforeDnat) continue;
    if (stage === "preDNAT" && acceptedBeforeDnat) {
      // mangle PREROUTING lets a packet the raw table accepted through without preDNAT policy (static.go).
      note(stage, "accepted by untracked policy: preDNAT policy is skipped (Calico's accept mark)");
      continue;
    }
    if (!beforeDnat && pod?.translated === true) {
      trace.push({
        kind: "dnat",
        stage,
        endpoint: endpoint.id,
        message: dnatText(preDnatPacket, packet, pod.endpoint),
      });
    }
    if (stage === "forward" && acceptedBeforeDnat) {
      // filter FORWARD jumps to the from-host-endpoint forward chains only while the accept mark is clear.
      note(
        stage,
        "accepted by untracked or preDNAT policy: the host endpoint's forward policy is skipped (Calico's accept mark)",
      );
      break;
    }
    trace.push({
      kind: "stage",
      stage,
      endpoint: endpoint.id,
      message: stageText(stage, endpoint, q.direction, seenIn(stage)),
    });
    if (stage === "untracked" && endpoint.interfaceName === "*") {
      // Felix ignores doNotTrack policy on all-interfaces host endpoints, with a warning (§4).
      note(stage, 'interfaceName "*": Felix ignores untracked (doNotTrack) policy here');
      continue;
    }
    if (stage !== "untracked" && q.established === true) {
      trace.push({
        kind: "established",
        stage,
        endpoint: endpoint.id,
        message: "conntrack: packet of an established connection, accepted before policy",
      });
      return done("allow");
    }
    const tiers = policies[stage][q.direction];
    const walk: Walk = { endpoint, stage, direction: q.direction, packet: seenIn(stage), trace };
    const outcome = walkTiers(tiers, walk);
    if (outcome === "deny") return done("deny");
    if (outcome === "allow") {
      if (pod === undefined || stage === "normal") return done("allow");
      if (stage === "untracked" && pod.translated) {
        note(
          stage,
          "an untracked Allow skips conntrack, so kube-proxy's DNAT (nat table) does not happen: the packet is accepted for the host itself, not the pod",
        );
        return done("allow");
      }
      if (beforeDnat) {
        acceptedBeforeDnat = true;
        continue;
      }
      break;
    }
    if (beforeDnat) {
      if (tiers.length > 0) note(stage, `${stage} tiers end with Pass: on to the next stage`);
      continue;
    }
    if (stage === "forward") {
      trace.push({
        kind: "default",
        stage,
        endpoint: endpoint.id,
        message: `${
          tiers.length === 0
            ? "no applyOnForward policy applies: forwarded traffic is allowed by default"
            : "every forward tier passed: forwarded traffic is allowed"
        }${pod === undefined ? "" : "; on to the pod's own policy"}`,
      });
      if (pod === undefined) return done("allow");
      break;
    }
    return done(walkProfiles(walk, tiers.length > 0, options));
  }
  if (pod === undefined) throw new Error(`no stage decided for ${endpoint.id}`);
  return done(walkPod(index, pod, q, trace, options));
}

/**
 * The forwarded packet reaches the pod (DNATed to it, or routed to its address): its workload endpoint's ingress
 * chain (cali-tw-, from filter FORWARD) runs whatever the host endpoint's stages allowed, even after an untracked or
 * preDNAT Allow (the chain clears the accept mark first); there is no failsafe for workloads (felix/rules/endpoints.go; Calico docs "Apply on forwarded traffic": workload
 * endpoint policy still applies to traffic forwarded from a host endpoint).
 */
function walkPod(
  index: MatchIndex,
  pod: PodLeg,
  q: ExplainQuery,
  trace: TraceStep[],
  options: ExplainOptions,
): "allow" | "deny" {
  const stage: Stage = "normal";
  const at = pod.endpoint.node === undefined ? "" : ` on node ${pod.endpoint.node}`;
  if (pod.masqueradedFrom !== undefined) {
    trace.push({
      kind: "note",
      stage,
      endpoint: pod.endpoint.id,
      message: `the pod runs${at}: kube-proxy masquerades the packet as it leaves (nat POSTROUTING), so the pod's policy sees source ${pod.masqueradedFrom}, not the client`,
    });
  }
  const walk: Walk = { endpoint: pod.endpoint, stage, direction: "ingress", packet: pod.packet, trace };
  trace.push({
    kind: "stage",
    stage,
    endpoint: pod.endpoint.id,
    message: stageText(stage, pod.endpoint, "ingress", pod.packet, pod.translated),
  });
  if (q.established === true) {
    trace.push({
      kind: "established",
      stage,
      endpoint: pod.endpoint.id,
      message: "conntrack: packet of an established connection, accepted before policy",
    });
    return "allow";
  }
  const tiers = index.policiesForEndpoint(pod.endpoint.id).normal.ingress;
  const outcome = walkTiers(tiers, walk);
  if (outcome !== "continue") return outcome;
  return walkProfiles(walk, tiers.length > 0, options);
}

/** The translation, as a step at the first stage after it. */
function dnatText(before: Packet, after: Packet, pod: Endpoint): string {
  return `kube-proxy DNAT (nat PREROUTING): ${address(before.destination)} -> ${address(after.destination)}, pod ${describeEndpoint(pod)}; from here on rules see the pod as the destination`;
}

function address(side: Packet["destination"]): string {
  const ip = side.ip === undefined ? "(no address)" : formatIp(side.ip.bytes);
  return side.port === undefined ? ip : side.ip?.version === 6 ? `[${ip}]:${side.port}` : `${ip}:${side.port}`;
}

/** `wep/ns/pod` -> `ns/pod`; host endpoints by id. */
function describeEndpoint(ep: Endpoint): string {
  return ep.kind === "workload" ? `${ep.namespace ?? ""}/${ep.name}` : ep.id;
}

/** One sentence naming the verdict, the step that decided it and the endpoint whose chain it belongs to. */
function summarize(verdict: "allow" | "deny", step: TraceStep): string {
  const word = verdict === "allow" ? "Allowed" : "Denied";
  if (step.kind === "peer") return `${word}: ${step.message}`;
  const where = `${step.stage} stage of ${endpointIdLabel(step.endpoint)}`;
  switch (step.kind) {
    case "rule":
      return `${word} by ${keyLabel(step.policy)} rule ${step.ruleIndex} (${where}, tier ${step.tier})`;
    case "end-of-tier":
      return `${word} at the end of tier ${step.tier} (${where}): no policy in it decided`;
    case "profile":
      return `${word} by profile ${step.profile} (${where})`;
    default:
      return `${word}: ${step.message} (${where})`;
  }
}

/** `GlobalNetworkPolicy//name` → `GlobalNetworkPolicy name`; `NetworkPolicy/ns/name` → `NetworkPolicy ns/name`. */
const STAGE_TEXT: Readonly<Record<Stage, string>> = {
  untracked: "untracked policy (doNotTrack, raw table, before conntrack and DNAT)",
  preDNAT: "pre-DNAT policy (mangle PREROUTING, before DNAT)",
  normal: "normal policy",
  forward: "forward policy (applyOnForward, filter FORWARD, traffic routed through the host)",
};

/** Names the chain: whose policy, which stage, and the destination its rules see. */
function stageText(stage: Stage, endpoint: Endpoint, direction: Direction, packet: Packet, afterDnat = false): string {
  const whose =
    endpoint.kind === "workload"
      ? `${direction} policy of pod ${describeEndpoint(endpoint)} (its workload endpoint's chain${afterDnat ? ", after DNAT" : ""})`
      : `${STAGE_TEXT[stage]} of host endpoint ${endpoint.name}`;
  return `${whose}: destination ${address(packet.destination)}`;
}

/** The chains a packet meets on the endpoint, in order (§4). */
function stagesFor(endpoint: Endpoint, direction: Direction, forwarded: boolean): Stage[] {
  if (endpoint.kind === "workload") return ["normal"];
  if (direction === "ingress")
    return forwarded ? ["untracked", "preDNAT", "forward"] : ["untracked", "preDNAT", "normal"];
  return forwarded ? ["forward"] : ["untracked", "normal"];
}

function walkTiers(tiers: readonly TierPolicies[], walk: Walk): Outcome {
  const { stage, trace } = walk;
  const endpoint = walk.endpoint.id;
  for (const tier of tiers) {
    let decided: Outcome | "pass" | undefined;
    for (const policy of tier.policies) {
      const result = walkPolicy(policy, tier.tier, walk);
      if (result === undefined) continue;
      decided = result;
      break;
    }
    if (decided === "pass") continue;
    if (decided !== undefined) return decided;
    if (tier.policies.every((p) => p.staged)) {
      trace.push({
        kind: "end-of-tier",
        stage,
        endpoint,
        tier: tier.tier,
        action: "Pass",
        message: `tier ${tier.tier}: only staged policies apply, so no end-of-tier action`,
      });
      continue;
    }
    if (stage === "untracked" || stage === "preDNAT") {
      trace.push({
        kind: "end-of-tier",
        stage,
        endpoint,
        tier: tier.tier,
        action: "Pass",
        message: `tier ${tier.tier}: no policy decided; ${stage} tiers end with Pass`,
      });
      continue;
    }
    trace.push({
      kind: "end-of-tier",
      stage,
      endpoint,
      tier: tier.tier,
      action: tier.defaultAction,
      message:
        tier.defaultAction === "Deny"
          ? `tier ${tier.tier}: no policy decided, so the end-of-tier default action drops the packet`
          : `tier ${tier.tier}: no policy decided; default action Pass goes on to the next tier`,
    });
    if (tier.defaultAction === "Deny") return "deny";
  }
  return "continue";
}

/** Walks one policy's rules; undefined when no enforcing rule decided. */
function walkPolicy(policy: CompiledPolicy, tier: string, walk: Walk): "allow" | "deny" | "pass" | undefined {
  const { stage, direction, packet, trace } = walk;
  const endpoint = walk.endpoint.id;
  const label = refLabel(policy);
  trace.push({
    kind: "policy",
    stage,
    endpoint,
    tier,
    policy: policy.key,
    staged: policy.staged,
    message: `${label}${policy.order === undefined ? "" : ` (order ${policy.order})`}${policy.staged ? ", staged: never enforces" : ""}`,
  });
  for (const rule of policy[direction]) {
    const action = toAction(rule.rule.action);
    const m = matchRule(rule, packet);
    const step = (message: string, matched: boolean): TraceStep => ({
      kind: "rule",
      stage,
      endpoint,
      tier,
      policy: policy.key,
      ruleIndex: rule.index,
      action,
      matched,
      staged: policy.staged,
      message,
    });
    if (!m.matched) {
      trace.push(step(`${ruleName(direction, rule)} (${action}) does not match: ${m.reason}`, false));
      continue;
    }
    if (action === "Log") {
      trace.push(step(`${ruleName(direction, rule)} matches: Log, and evaluation goes on`, true));
      continue;
    }
    if (policy.staged) {
      trace.push(
        step(`${ruleName(direction, rule)} matches: would ${action}, but staged policies do not enforce`, true),
      );
      return undefined;
    }
    trace.push(step(`${ruleName(direction, rule)} matches: ${ACTION_TEXT[action]}`, true));
    return action === "Allow" ? "allow" : action === "Deny" ? "deny" : "pass";
  }
  trace.push({
    kind: "policy",
    stage,
    endpoint,
    tier,
    policy: policy.key,
    staged: policy.staged,
    message: `${label}: no rule matched`,
  });
  return undefined;
}

const ACTION_TEXT: Readonly<Record<Action, string>> = {
  Allow: "Allow",
  Deny: "Deny",
  Pass: "Pass, on to the next tier",
  Log: "Log",
};

function toAction(a: string): Action {
  return a === "Deny" || a === "Pass" || a === "Log" ? a : "Allow";
}

function ruleName(direction: Direction, rule: CompiledRule): string {
  return `${direction}[${rule.index}]`;
}

/** Profiles run only when no tier applied or every tier passed; nothing accepted means drop (§4). */
function walkProfiles(walk: Walk, hadTiers: boolean, options: ExplainOptions): "allow" | "deny" {
  const { endpoint, direction, packet, trace } = walk;
  for (const id of endpoint.profiles) {
    const rules = profileRules(id, options.profiles ?? new Map())?.[direction] ?? [];
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (rule === undefined) continue;
      const source = entityRuleSelectors(rule.source, "", `profile ${id}`);
      const destination = entityRuleSelectors(rule.destination, "", `profile ${id}`);
      if (!source.ok || !destination.ok) continue;
      const m = matchRule({ index: i, rule, source: source.value, destination: destination.value }, packet);
      if (!m.matched || rule.action === "Log") continue;
      trace.push({
        kind: "profile",
        stage: "normal",
        endpoint: endpoint.id,
        profile: id,
        ruleIndex: i,
        message: `profile ${id} ${direction}[${i}]: ${rule.action}`,
      });
      if (rule.action === "Allow") return "allow";
      if (rule.action === "Deny") return "deny";
    }
  }
  const noPolicy = endpoint.kind === "host" && !hadTiers;
  trace.push({
    kind: "default",
    stage: "normal",
    endpoint: endpoint.id,
    message: noPolicy
      ? "host endpoint with no policy for this direction and no profile that allows: default deny (only failsafe ports and established traffic pass)"
      : "no profile accepted the packet: dropped",
  });
  return "deny";
}
