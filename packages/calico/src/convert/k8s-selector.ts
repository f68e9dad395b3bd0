/**
 * Kubernetes label selectors as Calico selectors (`k8sSelectorToCalico`, docs/calico-semantics.md §3 "Selector
 * translation"): pod selectors start with `projectcalico.org/orchestrator == 'k8s'`, then matchLabels in key order,
 * then matchExpressions, joined with ` && `. An empty namespace selector selects all namespaces: `all()`.
 */
import { LABEL_ORCHESTRATOR, ORCHESTRATOR_K8S } from "../endpoints/labels";
import type { LabelSelector } from "../model/kubernetes-network-policy";

export type SelectorRole = "pod" | "namespace";

/** The term every converted pod selector starts with: it excludes host endpoints. */
export const K8S_POD_SELECTOR = `${LABEL_ORCHESTRATOR} == '${ORCHESTRATOR_K8S}'`;

/** Go's sort.Strings order: byte-wise. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function k8sSelectorToCalico(selector: LabelSelector | undefined | null, role: SelectorRole): string {
  const parts: string[] = role === "pod" ? [K8S_POD_SELECTOR] : [];
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
