/** Policy names in v1 storage (docs/calico-semantics.md §3 "Policy names and tier prefixes"). */

const FORMATTED_PREFIXES = ["knp.default.", "kanp.adminnetworkpolicy.", "kbanp.baselineadminnetworkpolicy.", "ossg."];

/**
 * `determinePolicyName`: a policy CR whose annotation holds no name is named after the CR, minus a leading
 * `default.` when its tier is `default` or empty.
 */
export function determinePolicyName(crName: string, tier: string | undefined): string {
  const inDefaultTier = tier === undefined || tier === "" || tier === "default";
  return inDefaultTier && crName.startsWith("default.") ? crName.slice("default.".length) : crName;
}

/**
 * `names.TieredPolicyName`: a bare name becomes `default.<name>`; a dotted name, or one with a prefix Calico formats
 * itself (`policyNameIsFormatted`: Kubernetes, admin and OpenStack policies), stays as it is.
 */
export function tieredPolicyName(name: string): string {
  if (name === "" || FORMATTED_PREFIXES.some((p) => name.startsWith(p))) return name;
  return name.includes(".") ? name : `default.${name}`;
}
