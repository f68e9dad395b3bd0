/**
 * Policy defaulting as Calico's API server applies it (api/pkg/defaults/networkpolicy.go, docs/calico-semantics.md §2):
 * an empty `types` is derived from the rules present, `tier` defaults to `default`, and the policy carries the label
 * `projectcalico.org/tier`.
 */
import type { PolicyType } from "../model/policy";
import { tierOf } from "../policy/order";

export const TIER_LABEL = "projectcalico.org/tier";

interface PolicyLike {
  metadata: { labels?: Record<string, string> | undefined; [key: string]: unknown };
  spec?:
    | {
        types?: PolicyType[] | undefined;
        ingress?: unknown[] | undefined;
        egress?: unknown[] | undefined;
        tier?: string | undefined;
        [key: string]: unknown;
      }
    | undefined;
}

/** Ingress if there are no egress rules, Egress if there are only egress rules, both otherwise. */
export function defaultPolicyTypes(spec: {
  ingress?: unknown[] | undefined;
  egress?: unknown[] | undefined;
}): PolicyType[] {
  const hasIngress = (spec.ingress?.length ?? 0) > 0;
  const hasEgress = (spec.egress?.length ?? 0) > 0;
  if (!hasEgress) return ["Ingress"];
  return hasIngress ? ["Ingress", "Egress"] : ["Egress"];
}

/** A copy of `policy` with Calico's defaults applied; explicit values are kept. */
export function applyPolicyDefaults<P extends PolicyLike>(policy: P): P {
  const spec = policy.spec ?? {};
  const tier = tierOf(spec);
  const types = spec.types === undefined || spec.types.length === 0 ? defaultPolicyTypes(spec) : spec.types;
  return {
    ...policy,
    metadata: { ...policy.metadata, labels: { ...(policy.metadata.labels ?? {}), [TIER_LABEL]: tier } },
    spec: { ...spec, tier, types },
  };
}
