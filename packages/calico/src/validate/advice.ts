/**
 * Warnings: things Calico accepts that rarely mean what their author wanted. They never make a resource invalid.
 * Semantics from docs/calico-semantics.md §2 (types, evaluation in a tier) and §1 (empty selector means all()).
 */
import type { PolicyNaming } from "../convert/calico-version";
import { DEFAULT_TIER } from "../policy/order";
import { childPath, field, type Issues, indexPath, isRecord, listOf, stringOf } from "./issues";

const RULE_MATCH_FIELDS = ["protocol", "notProtocol", "icmp", "notICMP", "ipVersion", "http"];

/** A rule with no match criteria matches every packet of its direction. */
function matchesEverything(rule: unknown): boolean {
  if (!isRecord(rule)) return false;
  if (RULE_MATCH_FIELDS.some((k) => rule[k] != null)) return false;
  for (const side of ["source", "destination"] as const) {
    const s = rule[side];
    if (isRecord(s) && Object.values(s).some((v) => v != null && !(Array.isArray(v) && v.length === 0) && v !== "")) {
      return false;
    }
  }
  return true;
}

function checkRuleList(rules: unknown[], path: string, warnings: Issues): void {
  const stopper = rules.findIndex(
    (r) => matchesEverything(r) && ["Allow", "Deny", "Pass"].includes(stringOf(field(r, "action"))),
  );
  if (stopper >= 0 && stopper < rules.length - 1) {
    warnings.add(
      indexPath(path, stopper + 1),
      // Named by place, not number: the path counts from 0, people count rules from 1.
      `never reached: the rule before it (${stringOf(field(rules[stopper], "action"))}) matches every packet`,
    );
  }
}

/** Advice for a Calico policy spec (GlobalNetworkPolicy, NetworkPolicy and the staged kinds). */
export function advisePolicySpec(spec: unknown, global: boolean, warnings: Issues): void {
  if (!isRecord(spec)) return;
  const types = listOf(spec.types);
  const ingress = listOf(spec.ingress);
  const egress = listOf(spec.egress);
  if (types.length > 0) {
    if (ingress.length > 0 && !types.includes("Ingress")) {
      warnings.add("spec.ingress", "these rules are ignored: types does not include Ingress");
    }
    if (egress.length > 0 && !types.includes("Egress")) {
      warnings.add("spec.egress", "these rules are ignored: types does not include Egress");
    }
  }
  checkRuleList(ingress, "spec.ingress", warnings);
  checkRuleList(egress, "spec.egress", warnings);
  const rules = [...ingress, ...egress];
  if (rules.length > 0 && rules.every((r) => field(r, "action") === "Log")) {
    warnings.add(
      "spec",
      "a Log-only policy decides nothing: logged packets continue and, unless a later policy allows them, end in the tier's default deny",
    );
  }
  const scoped = ["selector", "namespaceSelector", "serviceAccountSelector"].some(
    (k) => stringOf(spec[k]).trim() !== "",
  );
  if (global && !scoped) {
    warnings.add(
      childPath("spec", "selector"),
      "no selector means all(): this policy applies to every endpoint, host endpoints included; a deny here can lock you out of nodes",
    );
  }
}

const FORMATTED_NAME = /^(knp\.default\.|kanp\.adminnetworkpolicy\.|kbanp\.baselineadminnetworkpolicy\.|ossg\.)/;

/**
 * Up to v3.31 a policy outside the default tier had to be named `<tier>.<name>`, and a dotted name in the default
 * tier had to start with `default.` (docs/calico-semantics.md §3, `names.ValidateTieredPolicyName`). v3.32 dropped the
 * rule, but clusters on older Calico (IBM Cloud's among them) still enforce it. `naming` is the cluster's: when it
 * is tiered these are errors (its calicoctl refuses the name); without a cluster they are warnings.
 */
export function checkTieredName(name: unknown, spec: unknown, issues: Issues, naming?: PolicyNaming): void {
  if (naming !== undefined && !naming.tiered) return;
  if (typeof name !== "string" || name === "" || FORMATTED_NAME.test(name)) return;
  const who = naming === undefined ? "Calico v3.31 and older" : naming.calico;
  const verb = naming === undefined ? "reject" : "rejects";
  const tier = stringOf(field(spec, "tier")) || DEFAULT_TIER;
  const prefix = name.includes(".") ? name.slice(0, name.indexOf(".")) : undefined;
  if (tier !== DEFAULT_TIER && prefix !== tier) {
    issues.add("metadata.name", `${who} ${verb} this name: policies in tier "${tier}" must be named "${tier}.<name>"`);
  } else if (tier === DEFAULT_TIER && prefix !== undefined && prefix !== DEFAULT_TIER) {
    issues.add(
      "metadata.name",
      `${who} ${verb} this name: it reads "${prefix}." as a tier prefix; rename, or set spec.tier to "${prefix}"`,
    );
  }
}
