import { tieredPolicyName } from "./policy-name";

/**
 * A cluster's Calico version and the storage conventions that follow from it (docs/calico-semantics.md §3, "Policy names
 * and tier prefixes"): up to v3.31 policies are stored as `<tier>.<name>` and other tiers require that name; v3.32
 * dropped both.
 */

export interface CalicoVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** As the cluster reported it, for people: `v3.31.0`. */
  readonly text: string;
}

/** `v3.31.0`, `3.31.7`, `v3.32.0-0.dev-123-gabc`; undefined for anything else (`master`, an image digest). */
export function parseCalicoVersion(text: string): CalicoVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim());
  if (m === null) return undefined;
  const [, major = "0", minor = "0", patch = "0"] = m;
  return { major: Number(major), minor: Number(minor), patch: Number(patch), text: text.trim() };
}

/** How a Calico version's own client (calicoctl, libcalico-go's clientv3) names stored policies. */
export interface PolicyNaming {
  /**
   * Policies stored as `<tier>.<name>` (`default.<name>` in the default tier) and other tiers' policies required to
   * be named `<tier>.<name>` (`names.TieredPolicyName`, `names.ValidateTieredPolicyName` up to v3.31).
   */
  readonly tiered: boolean;
  /** Who is speaking in messages: `Calico v3.31.0` or `Calico of an unknown version`. */
  readonly calico: string;
}

/**
 * The naming a version's client uses. An unknown version gets the tiered form: every version reads it (v3.32 keeps
 * reading the objects older versions stored), while older versions cannot reach an unprefixed one by name.
 */
export function policyNaming(version: CalicoVersion | undefined): PolicyNaming {
  if (version === undefined) return { tiered: true, calico: "Calico of an unknown version" };
  const tiered = version.major < 3 || (version.major === 3 && version.minor <= 31);
  return { tiered, calico: `Calico ${version.text}` };
}

/** The stored name a version's client gives a policy: `names.TieredPolicyName` when tiered, else the name itself. */
export function storedPolicyName(name: string, naming: PolicyNaming): string {
  return naming.tiered ? tieredPolicyName(name) : name;
}
