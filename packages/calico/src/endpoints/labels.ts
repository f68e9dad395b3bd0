/**
 * Label names and prefixes Calico adds for Kubernetes objects, and label inheritance from profiles
 * (docs/calico-semantics.md section 3 "Namespace and service-account labels" and "Label inheritance").
 */

export const LABEL_NAMESPACE = "projectcalico.org/namespace";
export const LABEL_ORCHESTRATOR = "projectcalico.org/orchestrator";
export const LABEL_SERVICE_ACCOUNT = "projectcalico.org/serviceaccount";
/** Value of `projectcalico.org/orchestrator` on pods' workload endpoints. */
export const ORCHESTRATOR_K8S = "k8s";
export const NAMESPACE_LABEL_PREFIX = "pcns.";
export const SERVICE_ACCOUNT_LABEL_PREFIX = "pcsa.";
/** `pcns.projectcalico.org/name` / `pcsa.projectcalico.org/name`, after the prefix. */
export const NAME_LABEL = "projectcalico.org/name";
export const NAMESPACE_PROFILE_PREFIX = "kns.";
export const SERVICE_ACCOUNT_PROFILE_PREFIX = "ksa.";

/** Profile id Calico derives from a Namespace: `kns.<ns>`. */
export function namespaceProfileId(namespace: string): string {
  return NAMESPACE_PROFILE_PREFIX + namespace;
}

/** Profile id Calico derives from a ServiceAccount: `ksa.<ns>.<sa>`. */
export function serviceAccountProfileId(namespace: string, serviceAccount: string): string {
  return `${SERVICE_ACCOUNT_PROFILE_PREFIX}${namespace}.${serviceAccount}`;
}

/** Labels of profile `kns.<ns>`: the namespace's labels prefixed `pcns.`, plus `pcns.projectcalico.org/name`. */
export function namespaceProfileLabels(
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Map<string, string> {
  return prefixed(NAMESPACE_LABEL_PREFIX, name, labels);
}

/** Labels of profile `ksa.<ns>.<sa>`: the account's labels prefixed `pcsa.`, plus `pcsa.projectcalico.org/name`. */
export function serviceAccountProfileLabels(
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Map<string, string> {
  return prefixed(SERVICE_ACCOUNT_LABEL_PREFIX, name, labels);
}

function prefixed(prefix: string, name: string, labels: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(labels)) out.set(prefix + k, v);
  out.set(prefix + NAME_LABEL, name);
  return out;
}

/**
 * Effective labels (felix/labelindex/label_inheritance_index.go): the item's own labels win, then each parent's in
 * the order the item lists its profiles; the first parent that has a label gives its value.
 */
export function inheritLabels(
  own: ReadonlyMap<string, string>,
  parents: readonly (ReadonlyMap<string, string> | undefined)[],
): Map<string, string> {
  const out = new Map(own);
  for (const parent of parents) {
    if (parent === undefined) continue;
    for (const [k, v] of parent) if (!out.has(k)) out.set(k, v);
  }
  return out;
}

export function toLabelMap(labels: Readonly<Record<string, string>> | undefined): Map<string, string> {
  return new Map(labels === undefined ? [] : Object.entries(labels));
}
