import type { PolicyKind } from "@palisade/contract";

export interface PolicyRef {
  readonly kind: PolicyKind;
  readonly name: string;
  readonly namespace?: string | undefined;
}

/** One string per policy, used as React key and for set membership ("applies to endpoint X"). */
export function policyKey(p: PolicyRef): string {
  return `${p.kind}/${p.namespace ?? ""}/${p.name}`;
}

/** The dashboard URL of a policy's page. */
export function policyPath(p: PolicyRef): string {
  const parts = p.namespace === undefined ? [p.kind, p.name] : [p.kind, p.namespace, p.name];
  return `/policies/${parts.map(encodeURIComponent).join("/")}`;
}

export function isStaged(kind: PolicyKind): boolean {
  return kind.startsWith("Staged");
}

export function isNamespaced(kind: PolicyKind): boolean {
  return kind !== "GlobalNetworkPolicy" && kind !== "StagedGlobalNetworkPolicy";
}
