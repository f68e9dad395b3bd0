/**
 * Profile rules the explainer applies after the tiers (docs/calico-semantics.md section 4 "Chain layout", step 4).
 * Calico's built-in profiles allow everything: `kns.<ns>` (one per Kubernetes namespace) and
 * `projectcalico-default-allow` (kube-controllers' auto host endpoints); `ksa.` profiles carry labels only.
 */
import type { Rule } from "../model/rule";

export interface ProfileRules {
  readonly ingress?: readonly Rule[] | undefined;
  readonly egress?: readonly Rule[] | undefined;
}

const ALLOW_ALL: ProfileRules = { ingress: [{ action: "Allow" }], egress: [{ action: "Allow" }] };

export const DEFAULT_ALLOW_PROFILE = "projectcalico-default-allow";

/** A profile's rules: explicit ones first, then Calico's built-ins; undefined when nothing is known. */
export function profileRules(id: string, explicit: ReadonlyMap<string, ProfileRules>): ProfileRules | undefined {
  const given = explicit.get(id);
  if (given !== undefined) return given;
  if (id === DEFAULT_ALLOW_PROFILE || id.startsWith("kns.")) return ALLOW_ALL;
  return undefined;
}
