/**
 * Kubernetes label selectors as Calico selectors (`k8sSelectorToCalico`, calico-semantics.md §3 "Selector
 * translation"): pod selectors start with `projectcalico.org/orchestrator == 'k8s'`, then matchLabels in key order,
 * then matchExpressions, joined with ` && `. An empty namespace selector selects all namespaces: `all()`.
 */
import type { LabelSelector } from "../model/kubernetes-network-policy";

export type SelectorRole = "pod" | "namespace";

export const ORCHESTRATOR_K8S = "projectcalico.org/orchestrator == 'k8s'";

/** Go's sort.Strings order: byte-wise. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function k8sSelectorToCalico(selector: LabelSelector | undefined | null, role: SelectorRole): string {
  const parts: string[] = role === "pod" ? [ORCHESTRATOR_K8S] : [];
  if (selector == null) return parts.join(" && ");
  const labels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  if (role === "namespace" && Object.keys(labels).length === 0 && expressions.length === 0) return "all()";
  for (const key of Object.keys(labels).sort(byteOrder)) parts.push(`${key} == '${labels[key]}'`);
  for (const e of expressions) {
    const values = (e.values ?? []).join("', '");
    if (e.operator === "In") parts.push(`${e.key} in { '${values}' }`);
    else if (e.operator === "NotIn") parts.push(`${e.key} not in { '${values}' }`);
    else if (e.operator === "Exists") parts.push(`has(${e.key})`);
    else if (e.operator === "DoesNotExist") parts.push(`! has(${e.key})`);
  }
  return parts.join(" && ");
}
