/**
 * A policy prepared for matching: its effective selector, its rules' effective selectors, its directions and the
 * Felix stages it runs in (docs/calico-semantics.md sections 2, 3 and 4).
 */

import { defaultPolicyTypes } from "../convert/defaults";
import { isStagedKind } from "../model/kinds";
import type { Rule } from "../model/rule";
import { tierOf } from "../policy/order";
import { resourceKey } from "../refs/refs";
import { err, ok, type Result } from "../result";
import type { Selector } from "../selector/selector";
import {
  type EntityRuleSelectors,
  effectivePolicySelector,
  entityRuleSelectors,
  policyNamespace,
  type SelectorFieldError,
} from "./effective-selectors";
import { nameOf, type PolicyLike } from "./inputs";

export type Direction = "ingress" | "egress";
export const DIRECTIONS: readonly Direction[] = ["ingress", "egress"];

/** Felix's four policy stages for host endpoints, in the order a packet meets them (§4). */
export type Stage = "untracked" | "preDNAT" | "normal" | "forward";
export const STAGES: readonly Stage[] = ["untracked", "preDNAT", "normal", "forward"];

export interface CompiledRule {
  readonly index: number;
  readonly rule: Rule;
  readonly source: EntityRuleSelectors;
  readonly destination: EntityRuleSelectors;
}

export interface CompiledPolicy {
  readonly key: string;
  readonly policy: PolicyLike;
  readonly kind: string;
  readonly name: string;
  /** Empty for global kinds. */
  readonly namespace: string;
  readonly tier: string;
  readonly order: number | undefined;
  readonly staged: boolean;
  readonly selector: Selector;
  readonly directions: ReadonlySet<Direction>;
  /** Stages this policy runs in on a host endpoint; workload endpoints use only `normal` (§4). */
  readonly stages: ReadonlySet<Stage>;
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
}

/** Identity of a policy across kinds: `<kind>/<namespace>/<name>` (namespace empty for global kinds). */
export function policyKey(p: Pick<PolicyLike, "kind" | "metadata">): string {
  return resourceKey({ kind: p.kind, namespace: p.metadata.namespace, name: nameOf(p.metadata) });
}

/**
 * `types` as the API server defaults them (api/pkg/defaults/networkpolicy.go, §2): an empty list becomes Ingress
 * when there are no egress rules, Egress when there are only egress rules, both otherwise. preDNAT policies are
 * ingress only.
 */
export function policyDirections(p: PolicyLike): Set<Direction> {
  const given = p.spec.types ?? [];
  const types =
    given.length > 0
      ? given
      : defaultPolicyTypes({ ingress: [...(p.spec.ingress ?? [])], egress: [...(p.spec.egress ?? [])] });
  const directions = new Set(
    types.map((t) => t.toLowerCase()).filter((t): t is Direction => t === "ingress" || t === "egress"),
  );
  if (p.spec.preDNAT) directions.delete("egress");
  return directions;
}

/**
 * `tierInfoToProtoTierInfo` (felix/calc/event_sequencer.go, §4): doNotTrack → untracked only; else preDNAT →
 * preDNAT only; else normal, plus forward with applyOnForward. Namespaced policies always apply on forward.
 */
export function policyStages(p: PolicyLike, namespaced: boolean): Set<Stage> {
  if (p.spec.doNotTrack) return new Set(["untracked"]);
  if (p.spec.preDNAT) return new Set(["preDNAT"]);
  return new Set(p.spec.applyOnForward || namespaced ? ["normal", "forward"] : ["normal"]);
}

export function compilePolicy(p: PolicyLike): Result<CompiledPolicy, SelectorFieldError> {
  const selector = effectivePolicySelector(p);
  if (!selector.ok) return selector;
  const ns = policyNamespace(p);
  const rules: Record<Direction, CompiledRule[]> = { ingress: [], egress: [] };
  for (const direction of DIRECTIONS) {
    const list = p.spec[direction] ?? [];
    for (let i = 0; i < list.length; i++) {
      const rule = list[i];
      if (rule === undefined) continue;
      const path = `spec.${direction}[${i}]`;
      const source = entityRuleSelectors(rule.source, ns, `${path}.source`);
      if (!source.ok) return err(source.error);
      const destination = entityRuleSelectors(rule.destination, ns, `${path}.destination`);
      if (!destination.ok) return err(destination.error);
      rules[direction].push({ index: i, rule, source: source.value, destination: destination.value });
    }
  }
  const directions = policyDirections(p);
  return ok({
    key: policyKey(p),
    policy: p,
    kind: p.kind,
    name: nameOf(p.metadata),
    namespace: ns,
    tier: tierOf(p.spec),
    order: p.spec.order,
    staged: isStagedKind(p.kind),
    selector: selector.value,
    directions,
    stages: policyStages(p, ns !== ""),
    ingress: rules.ingress,
    egress: rules.egress,
  });
}
