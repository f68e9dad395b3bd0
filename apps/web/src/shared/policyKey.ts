import { isPolicyKind, parseResourceKey } from "@palisade/calico";
import type { PolicyKind } from "@palisade/contract";

export interface PolicyRef {
  readonly kind: PolicyKind;
  readonly name: string;
  readonly namespace?: string | undefined;
}

/** The dashboard path of a policy's page within a cluster. */
export function policyPath(cluster: string, p: PolicyRef): string {
  const base = `/c/${encodeURIComponent(cluster)}/policies/${p.kind}/${encodeURIComponent(p.name)}`;
  return p.namespace === undefined ? base : `${base}?namespace=${encodeURIComponent(p.namespace)}`;
}

/**
 * Reads a `PolicySummary.key` back into a ref: `Kind/name` or `Kind/namespace/name`, where an empty namespace
 * (`Kind//name`) also means a global policy. Undefined if malformed.
 */
export function parsePolicyKey(key: string): PolicyRef | undefined {
  const ref = parseResourceKey(key);
  return ref !== undefined && isPolicyKind(ref.kind) ? { ...ref, kind: ref.kind } : undefined;
}
