/**
 * Tier checks: validator.go `validateTier` (name, built-in tier orders) and the Tier CRD's CEL rules on built-in
 * tiers' default actions, after the CRD default `defaultAction: Deny` (docs/calico-semantics.md §2).
 */
import { BUILT_IN_TIER_ORDERS } from "../policy/order";
import type { Context } from "./context";
import { field, stringOf } from "./issues";

const BUILT_IN_DEFAULT_ACTIONS: Readonly<Record<string, string>> = {
  default: "Deny",
  "kube-admin": "Pass",
  "kube-baseline": "Pass",
};

export function validateTierSpec(metadata: unknown, spec: unknown, ctx: Context): void {
  const name = stringOf(field(metadata, "name"));
  const order = field(spec, "order");
  const builtInOrder = BUILT_IN_TIER_ORDERS[name];
  if (builtInOrder !== undefined && order !== builtInOrder) {
    ctx.issues.add("spec.order", `the built-in tier "${name}" must have order ${builtInOrder}`);
  }
  const action = field(spec, "defaultAction") ?? "Deny";
  const required = BUILT_IN_DEFAULT_ACTIONS[name];
  if (required !== undefined && action !== required) {
    ctx.issues.add("spec.defaultAction", `the built-in tier "${name}" must have defaultAction ${required}`);
  }
}
