/**
 * "Would this packet be allowed, and by which rule?" Walks the chains Felix programs for an endpoint
 * (docs/calico-semantics.md section 4 "Chain layout", "How policies are split", "Consequences"):
 * - host endpoints, ingress: untracked (raw), preDNAT (mangle), then normal (to the host) or forward (through it);
 *   egress: untracked then normal, or forward when forwarded; workload endpoints: normal only;
 * - failsafe ports first on host endpoints (not in forward chains); conntrack accepts established traffic in every
 *   chain but the untracked one; an untracked or preDNAT Allow skips the later stages;
 * - tiers in order (section 2): Allow and Deny decide, Pass goes to the next tier, Log goes on; staged policies
 *   never enforce; at the end of a tier the tier's default action, except in untracked and preDNAT tiers (Pass) and
 *   in tiers whose policies are all staged; then profiles; nothing accepted means drop.
 */
import type { CompiledPolicy, CompiledRule, Direction, Stage } from "../endpoints/compiled-policy";
import { entityRuleSelectors } from "../endpoints/effective-selectors";
import type { Endpoint } from "../endpoints/endpoint";
import type { MatchIndex, TierPolicies } from "../endpoints/match-index";
import type { Action } from "../model/rule";
import { err, ok, type Result } from "../result";
import { DEFAULT_FAILSAFE, describeFailsafe, matchFailsafe } from "./failsafe";
import { buildPacket } from "./packet-sides";
import { profileRules } from "./profiles";
import type { ExplainError, ExplainOptions, ExplainQuery, Explanation, TraceStep } from "./query";
import { matchRule, type Packet } from "./rule-match";

type Outcome = "allow" | "deny" | "continue";

export function explain(
  index: MatchIndex,
  q: ExplainQuery,
  options: ExplainOptions = {},
): Result<Explanation, ExplainError> {
  const built = buildPacket(index, q);
  if (!built.ok) return err(built.error);
  const { packet, preDnatPacket, endpoint, peer, peerSummary } = built.value;
  const trace: TraceStep[] = [{ kind: "peer", message: peerSummary }];
  const done = (verdict: "allow" | "deny"): Result<Explanation, ExplainError> => {
    const decidedBy = trace[trace.length - 1];
    if (decidedBy === undefined) throw new Error("explain decided without a trace step");
    return ok({ verdict, summary: summarize(verdict, decidedBy), decidedBy, trace });
  };
  const stages = stagesFor(endpoint, q.direction, q.forwarded === true);
  const policies = index.policiesForEndpoint(endpoint.id);
  const first = stages[0];

  if (endpoint.kind === "host" && first !== undefined && first !== "forward") {
    const failsafe = options.failsafe ?? DEFAULT_FAILSAFE;
    const entries = q.direction === "ingress" ? failsafe.inbound : failsafe.outbound;
    const hit = matchFailsafe(entries, packet.protocol, preDnatPacket.destination.port, peer.ip);
    if (hit !== undefined) {
      trace.push({
        kind: "failsafe",
        stage: first,
        message: `failsafe ${q.direction === "ingress" ? "inbound" : "outbound"} port ${describeFailsafe(hit)}: allowed before any policy`,
      });
      return done("allow");
    }
  }

  for (const stage of stages) {
    trace.push({ kind: "stage", stage, message: STAGE_TEXT[stage] });
    if (stage === "untracked" && endpoint.interfaceName === "*") {
      // Felix ignores doNotTrack policy on all-interfaces host endpoints, with a warning (§4).
      trace.push({
        kind: "note",
        stage,
        message: 'interfaceName "*": Felix ignores untracked (doNotTrack) policy here',
      });
      continue;
    }
    if (stage !== "untracked" && q.established === true) {
      trace.push({
        kind: "established",
        stage,
        message: "conntrack: packet of an established connection, accepted before policy",
      });
      return done("allow");
    }
    const tiers = policies[stage][q.direction];
    const seen = stage === "untracked" || stage === "preDNAT" ? preDnatPacket : packet;
    const outcome = walkTiers(tiers, stage, q.direction, seen, trace);
    if (outcome !== "continue") return done(outcome);
    if (stage === "untracked" || stage === "preDNAT") {
      if (tiers.length > 0)
        trace.push({ kind: "note", stage, message: `${stage} tiers end with Pass: on to the next stage` });
      continue;
    }
    if (stage === "forward") {
      trace.push({
        kind: "default",
        stage,
        message:
          tiers.length === 0
            ? "no applyOnForward policy applies: forwarded traffic is allowed by default"
            : "every forward tier passed: forwarded traffic is allowed",
      });
      return done("allow");
    }
    return done(walkProfiles(endpoint, q.direction, packet, tiers.length > 0, trace, options));
  }
  throw new Error(`no stage decided for ${endpoint.id}`);
}

/** One sentence naming the verdict and the step that decided it. */
function summarize(verdict: "allow" | "deny", step: TraceStep): string {
  const word = verdict === "allow" ? "Allowed" : "Denied";
  switch (step.kind) {
    case "rule":
      return `${word} by ${describePolicyKey(step.policy)} rule ${step.ruleIndex} (${step.stage} stage, tier ${step.tier})`;
    case "end-of-tier":
      return `${word} at the end of tier ${step.tier} (${step.stage} stage): no policy in it decided`;
    case "profile":
      return `${word} by profile ${step.profile} (${step.stage} stage)`;
    default:
      return `${word}: ${step.message}`;
  }
}

/** `GlobalNetworkPolicy//name` → `GlobalNetworkPolicy name`; `NetworkPolicy/ns/name` → `NetworkPolicy ns/name`. */
function describePolicyKey(key: string): string {
  const [kind = "", namespace = "", ...name] = key.split("/");
  return `${kind} ${namespace === "" ? "" : `${namespace}/`}${name.join("/")}`;
}

const STAGE_TEXT: Readonly<Record<Stage, string>> = {
  untracked: "untracked policy (doNotTrack, raw table, before conntrack)",
  preDNAT: "pre-DNAT policy (mangle PREROUTING, before DNAT)",
  normal: "normal policy",
  forward: "forward policy (applyOnForward, traffic routed through the host)",
};

/** The chains a packet meets, in order (§4). */
function stagesFor(endpoint: Endpoint, direction: Direction, forwarded: boolean): Stage[] {
  if (endpoint.kind === "workload") return ["normal"];
  if (direction === "ingress")
    return forwarded ? ["untracked", "preDNAT", "forward"] : ["untracked", "preDNAT", "normal"];
  return forwarded ? ["forward"] : ["untracked", "normal"];
}

function walkTiers(
  tiers: readonly TierPolicies[],
  stage: Stage,
  direction: Direction,
  packet: Packet,
  trace: TraceStep[],
): Outcome {
  for (const tier of tiers) {
    let decided: Outcome | "pass" | undefined;
    for (const policy of tier.policies) {
      const result = walkPolicy(policy, stage, tier.tier, direction, packet, trace);
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
        tier: tier.tier,
        action: "Pass",
        message: `tier ${tier.tier}: no policy decided; ${stage} tiers end with Pass`,
      });
      continue;
    }
    trace.push({
      kind: "end-of-tier",
      stage,
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
function walkPolicy(
  policy: CompiledPolicy,
  stage: Stage,
  tier: string,
  direction: Direction,
  packet: Packet,
  trace: TraceStep[],
): "allow" | "deny" | "pass" | undefined {
  const label = `${policy.kind} ${policy.namespace === "" ? "" : `${policy.namespace}/`}${policy.name}`;
  trace.push({
    kind: "policy",
    stage,
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
function walkProfiles(
  endpoint: Endpoint,
  direction: Direction,
  packet: Packet,
  hadTiers: boolean,
  trace: TraceStep[],
  options: ExplainOptions,
): "allow" | "deny" {
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
    message: noPolicy
      ? "host endpoint with no policy for this direction and no profile that allows: default deny (only failsafe ports and established traffic pass)"
      : "no profile accepted the packet: dropped",
  });
  return "deny";
}
