/**
 * Tier checks, per Calico release (docs/calico-semantics.md §2):
 * - v3.31 (module github.com/projectcalico/calico v0.0.0-20251021213802-b1f3c43f8437, the oracle's):
 *   validator.go `validateTier` fixes the orders of `default`, `adminnetworkpolicy` and
 *   `baselineadminnetworkpolicy`; the Tier CRD has no CEL rules, so any default action goes.
 * - v3.32 (tag v3.32.1, the CRDs in shared/calico/crds): `validateTier` fixes the orders of `kube-admin`, `default`
 *   and `kube-baseline`, and the Tier CRD's CEL rules require their default actions, after the CRD default
 *   `defaultAction: Deny`.
 */
import { compareLines, type ReleaseRange } from "../convert/admin-enforcement";
import {
  ADMIN_NETWORK_POLICY_TIER,
  BASELINE_ADMIN_NETWORK_POLICY_TIER,
  BUILT_IN_TIER_ORDERS,
  DEFAULT_TIER,
  KUBE_ADMIN_TIER,
  KUBE_BASELINE_TIER,
} from "../policy/order";
import type { Context } from "./context";
import type { Issues } from "./issues";
import { field, stringOf } from "./issues";

interface TierRules {
  /** Who is speaking in messages. */
  readonly calico: string;
  readonly orders: Readonly<Record<string, number>>;
  readonly defaultActions: Readonly<Record<string, string>>;
}

const V3_31: TierRules = {
  calico: "Calico v3.31",
  orders: {
    [ADMIN_NETWORK_POLICY_TIER]: 1_000,
    [DEFAULT_TIER]: 1_000_000,
    [BASELINE_ADMIN_NETWORK_POLICY_TIER]: 10_000_000,
  },
  defaultActions: {},
};

const V3_32: TierRules = {
  calico: "Calico v3.32",
  orders: BUILT_IN_TIER_ORDERS,
  defaultActions: { [DEFAULT_TIER]: "Deny", [KUBE_ADMIN_TIER]: "Pass", [KUBE_BASELINE_TIER]: "Pass" },
};

const FIRST_KUBE_TIERS_LINE = { major: 3, minor: 32 };

/** The rules of the release the cluster runs; undefined when the range spans both (or nothing is known). */
function rulesFor(release: ReleaseRange): TierRules | undefined {
  if (release.oldest !== undefined && compareLines(release.oldest, FIRST_KUBE_TIERS_LINE) >= 0) return V3_32;
  if (release.newest !== undefined && compareLines(release.newest, FIRST_KUBE_TIERS_LINE) < 0) return V3_31;
  return undefined;
}

function isBuiltIn(rules: TierRules, name: string): boolean {
  return rules.orders[name] !== undefined || rules.defaultActions[name] !== undefined;
}

export function validateTierSpec(metadata: unknown, spec: unknown, ctx: Context, warnings: Issues): void {
  const name = stringOf(field(metadata, "name"));
  const known = rulesFor(ctx.release ?? {});
  // An unknown release is checked by v3.32's rules, the release Palisade follows, saying so where they differ.
  const rules = known ?? V3_32;
  if (known === undefined && (isBuiltIn(V3_31, name) || isBuiltIn(V3_32, name))) {
    warnings.add(
      "metadata.name",
      `the Calico release is unknown, so the tier "${name}" was checked by Calico v3.32's rules (orders: kube-admin 1000, default 1000000, kube-baseline 10000000; default actions: Pass, Deny, Pass); Calico v3.31 and older instead fix the orders adminnetworkpolicy 1000, default 1000000, baselineadminnetworkpolicy 10000000 and no default action`,
    );
  }
  const order = field(spec, "order");
  const builtInOrder = rules.orders[name];
  if (builtInOrder !== undefined && order !== builtInOrder) {
    ctx.issues.add("spec.order", `${rules.calico} requires the built-in tier "${name}" to have order ${builtInOrder}`);
  }
  const action = field(spec, "defaultAction") ?? "Deny";
  const required = rules.defaultActions[name];
  if (required !== undefined && action !== required) {
    ctx.issues.add(
      "spec.defaultAction",
      `${rules.calico} requires the built-in tier "${name}" to have defaultAction ${required}`,
    );
  }
}
