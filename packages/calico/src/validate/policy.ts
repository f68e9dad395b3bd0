/**
 * Policy spec checks: validator.go `validateNetworkPolicySpec`, `validateGlobalNetworkPolicySpec`, the staged
 * variants, and the GlobalNetworkPolicy CRD's CEL rules (docs/calico-semantics.md §5 "preDNAT", "Policy spec").
 */
import { type Context, checkSelectorAt, GLOBAL_ONLY_IN_NAMESPACE_SELECTOR, GLOBAL_SELECTOR } from "./context";
import { childPath, field, indexPath, isRecord, listOf, stringOf } from "./issues";
import { DNS_SUBDOMAIN } from "./names";
import { validateRule } from "./rule";

export interface PolicyScope {
  /** GlobalNetworkPolicy / StagedGlobalNetworkPolicy. */
  readonly global: boolean;
}

function checkRuleLists(spec: Record<string, unknown>, scope: PolicyScope, ctx: Context): void {
  listOf(spec.egress).forEach((rule, i) => {
    const at = indexPath("spec.egress", i);
    if (field(field(rule, "source"), "services") != null) {
      ctx.issues.add(
        `${at}.source.services`,
        "services is not allowed in an egress rule's source; match services in the destination",
      );
    }
    if (field(rule, "http") != null) ctx.issues.add(`${at}.http`, "http matches are not allowed in egress rules");
    const services = field(field(rule, "destination"), "services");
    if (scope.global && services != null && stringOf(field(services, "namespace")) === "") {
      ctx.issues.add(
        `${at}.destination.services.namespace`,
        "a GlobalNetworkPolicy services match must name the service's namespace",
      );
    }
    validateRule(rule, at, ctx);
  });
  listOf(spec.ingress).forEach((rule, i) => {
    const at = indexPath("spec.ingress", i);
    if (field(field(rule, "destination"), "services") != null) {
      ctx.issues.add(
        `${at}.destination.services`,
        "services is not allowed in an ingress rule's destination; match services in the source",
      );
    }
    const services = field(field(rule, "source"), "services");
    if (scope.global && services != null && stringOf(field(services, "namespace")) === "") {
      ctx.issues.add(
        `${at}.source.services.namespace`,
        "a GlobalNetworkPolicy services match must name the service's namespace",
      );
    }
    validateRule(rule, at, ctx);
  });
}

/** preDNAT / doNotTrack / applyOnForward (validateGlobalNetworkPolicySpec and the GNP CRD's CEL rules). */
function checkGlobalFlags(spec: Record<string, unknown>, ctx: Context): void {
  const preDNAT = spec.preDNAT === true;
  const doNotTrack = spec.doNotTrack === true;
  if (preDNAT && doNotTrack) ctx.issues.add("spec.preDNAT", "preDNAT and doNotTrack cannot both be true; choose one");
  if (preDNAT && listOf(spec.egress).length > 0) {
    ctx.issues.add("spec.egress", "a preDNAT policy applies to ingress only; remove the egress rules");
  }
  if (preDNAT) {
    listOf(spec.types).forEach((t, i) => {
      if (t === "Egress")
        ctx.issues.add(indexPath("spec.types", i), "a preDNAT policy cannot have type Egress; use types: [Ingress]");
    });
  }
  if ((preDNAT || doNotTrack) && spec.applyOnForward !== true) {
    ctx.issues.add("spec.applyOnForward", `${preDNAT ? "preDNAT" : "doNotTrack"} policies need applyOnForward: true`);
  }
}

/** Checks a (Global)NetworkPolicy spec; `spec` may be absent (Go validates the zero value). */
export function validatePolicySpec(spec: unknown, scope: PolicyScope, ctx: Context): void {
  if (!isRecord(spec)) return;
  const hints = listOf(spec.performanceHints);
  hints.forEach((h, i) => {
    if (hints.indexOf(h) !== i)
      ctx.issues.add(indexPath("spec.performanceHints", i), `performance hint ${JSON.stringify(h)} is listed twice`);
  });
  const selectorFields = scope.global
    ? ["selector", "serviceAccountSelector", "namespaceSelector"]
    : ["selector", "serviceAccountSelector"];
  for (const key of selectorFields) {
    checkSelectorAt(ctx, spec[key], childPath("spec", key));
    if (stringOf(spec[key]).includes(GLOBAL_SELECTOR))
      ctx.issues.add(childPath("spec", key), GLOBAL_ONLY_IN_NAMESPACE_SELECTOR);
  }
  const tier = stringOf(spec.tier);
  if (tier !== "" && !DNS_SUBDOMAIN.test(tier)) ctx.issues.add("spec.tier", `tier "${tier}" is not a valid tier name`);
  if (scope.global) checkGlobalFlags(spec, ctx);
  checkRuleLists(spec, scope, ctx);
}

/** Go zero values: a field that is absent, "", false or null decodes to the zero value; lists and numbers do not. */
function isZero(value: unknown): boolean {
  return value === undefined || value === null || value === "" || value === false;
}

/**
 * A staged policy with `stagedAction: Delete` carries nothing but its tier (validateStaged*NetworkPolicy);
 * otherwise its spec is checked as the enforced policy's.
 */
export function validateStagedPolicySpec(spec: unknown, scope: PolicyScope, ctx: Context): void {
  if (!isRecord(spec)) return;
  if (spec.stagedAction === "Delete") {
    for (const [key, value] of Object.entries(spec)) {
      if (key !== "tier" && key !== "stagedAction" && !isZero(value)) {
        ctx.issues.add(childPath("spec", key), "a staged Delete carries only the tier; remove this field");
      }
    }
    return;
  }
  validatePolicySpec(spec, scope, ctx);
}
