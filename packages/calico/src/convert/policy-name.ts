/** Policy names in v1 storage (docs/calico-semantics.md §3 "Policy names and tier prefixes"). */

const FORMATTED_PREFIXES = ["knp.default.", "ossg.default.", "staged:", "kcnp."];

/**
 * `determinePolicyName`: a policy CR whose annotation holds no name is named after the CR, minus a leading
 * `default.` when its tier is `default` or empty.
 */
export function determinePolicyName(crName: string, tier: string | undefined): string {
  const inDefaultTier = tier === undefined || tier === "" || tier === "default";
  return inDefaultTier && crName.startsWith("default.") ? crName.slice("default.".length) : crName;
}

/**
 * `names.TieredPolicyName` as Calico up to v3.31 stored policies: a bare name becomes `default.<name>`; names that
 * already have a prefix or a recognised formatted prefix stay as they are.
 */
export function legacyTieredPolicyName(name: string): string {
  if (name === "" || FORMATTED_PREFIXES.some((p) => name.startsWith(p))) return name;
  return name.includes(".") ? name : `default.${name}`;
}
