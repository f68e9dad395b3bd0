/**
 * `validateResource`: one manifest object against the model's schema, then the semantic rules libcalico-go's v3
 * validator and the CRDs' CEL rules apply (docs/calico-semantics.md §5), for every modelled kind.
 */
import type { ReleaseRange } from "../convert/admin-enforcement";
import type { PolicyNaming } from "../convert/calico-version";
import { isAdminPolicyKind, KINDS, type ResourceKind, resourceKindOf } from "../model/kinds";
import { RESOURCE_SCHEMAS } from "../model/resources";
import { validateAdminPolicy } from "./admin-network-policy";
import { advisePolicySpec, checkTieredName } from "./advice";
import type { Context, SelectorCheck } from "./context";
import { validateHostEndpointSpec } from "./host-endpoint";
import { field, Issues, isRecord, type ValidationResult } from "./issues";
import { validateK8sNetworkPolicySpec } from "./kubernetes-network-policy";
import { checkMetadata, type NameRule, SUBDOMAIN_NAME } from "./metadata";
import { DNS_LABEL, GLOBAL_POLICY_NAME, MAX_LABEL_LENGTH, MAX_NAME_LENGTH, POLICY_NAME } from "./names";
import { checkReservedNetworkSetLabels, validateNetworkSetSpec } from "./network-set";
import { validatePolicySpec, validateStagedPolicySpec } from "./policy";
import { checkSchema } from "./schema-check";
import { checkSelectorSyntax } from "./selector-check";
import { validateTierSpec } from "./tier";

const GLOBAL_POLICY: NameRule = {
  pattern: GLOBAL_POLICY_NAME,
  maxLength: MAX_NAME_LENGTH,
  hint: "lower case letters, digits and '-', with at most one '.' (a single tier-style prefix)",
};
const NAMESPACED_POLICY: NameRule = {
  pattern: POLICY_NAME,
  maxLength: MAX_NAME_LENGTH,
  hint: "lower case letters, digits and '-', with at most one '.' (or a knp.default./ossg.default. prefix)",
};
const TIER: NameRule = {
  pattern: DNS_LABEL,
  maxLength: MAX_LABEL_LENGTH,
  hint: "lower case letters, digits and '-', no dots",
};

const NAME_RULES: Readonly<Record<ResourceKind, NameRule>> = {
  GlobalNetworkPolicy: GLOBAL_POLICY,
  StagedGlobalNetworkPolicy: GLOBAL_POLICY,
  NetworkPolicy: NAMESPACED_POLICY,
  StagedNetworkPolicy: NAMESPACED_POLICY,
  StagedKubernetesNetworkPolicy: SUBDOMAIN_NAME,
  HostEndpoint: SUBDOMAIN_NAME,
  GlobalNetworkSet: SUBDOMAIN_NAME,
  NetworkSet: SUBDOMAIN_NAME,
  Tier: TIER,
  KubernetesNetworkPolicy: SUBDOMAIN_NAME,
  AdminNetworkPolicy: SUBDOMAIN_NAME,
  BaselineAdminNetworkPolicy: SUBDOMAIN_NAME,
  ClusterNetworkPolicy: SUBDOMAIN_NAME,
};

export interface ValidateOptions {
  /** Selector syntax check; the selector parser of this package (docs/calico-semantics.md §1). */
  readonly checkSelector: SelectorCheck;
  /** The target cluster's policy naming: its tier-prefix rules become errors. Without it they are warnings. */
  readonly naming?: PolicyNaming | undefined;
  /**
   * The target cluster's Calico releases: rules that differ between releases (built-in tiers) follow them. Without
   * it, or when it spans releases whose rules differ, v3.32's rules apply and a warning says so.
   */
  readonly release?: ReleaseRange | undefined;
}

/** What validation needs to know of the cluster a resource is meant for. */
export type ValidationTarget = Pick<ValidateOptions, "naming" | "release">;

type SpecRule = (obj: Record<string, unknown>, ctx: Context, warnings: Issues) => void;

function validateStagedK8sSpec(spec: unknown, ctx: Context): void {
  if (isRecord(spec) && spec.stagedAction === "Delete") {
    for (const key of Object.keys(spec)) {
      if (key !== "stagedAction")
        ctx.issues.add(`spec.${key}`, "a staged Delete carries no spec fields; remove this field");
    }
    return;
  }
  validateK8sNetworkPolicySpec(spec, ctx);
}

const SPEC_RULES: Readonly<Record<ResourceKind, SpecRule>> = {
  GlobalNetworkPolicy: (o, ctx) => validatePolicySpec(o.spec, { global: true }, ctx),
  NetworkPolicy: (o, ctx) => validatePolicySpec(o.spec, { global: false }, ctx),
  StagedGlobalNetworkPolicy: (o, ctx) => validateStagedPolicySpec(o.spec, { global: true }, ctx),
  StagedNetworkPolicy: (o, ctx) => validateStagedPolicySpec(o.spec, { global: false }, ctx),
  StagedKubernetesNetworkPolicy: (o, ctx) => validateStagedK8sSpec(o.spec, ctx),
  KubernetesNetworkPolicy: (o, ctx) => validateK8sNetworkPolicySpec(o.spec, ctx),
  HostEndpoint: (o, ctx) => validateHostEndpointSpec(o.spec, "spec", ctx),
  GlobalNetworkSet: (o, ctx) => {
    checkReservedNetworkSetLabels(o.metadata, ctx);
    validateNetworkSetSpec(o.spec, "spec", ctx);
  },
  NetworkSet: (o, ctx) => {
    checkReservedNetworkSetLabels(o.metadata, ctx);
    validateNetworkSetSpec(o.spec, "spec", ctx);
  },
  Tier: (o, ctx, warnings) => validateTierSpec(o.metadata, o.spec, ctx, warnings),
  AdminNetworkPolicy: (o, ctx, w) => validateAdminPolicy("AdminNetworkPolicy", o, ctx, w),
  BaselineAdminNetworkPolicy: (o, ctx, w) => validateAdminPolicy("BaselineAdminNetworkPolicy", o, ctx, w),
  ClusterNetworkPolicy: (o, ctx, w) => validateAdminPolicy("ClusterNetworkPolicy", o, ctx, w),
};

function unsupported(obj: Record<string, unknown>, issues: Issues): ValidationResult {
  const { apiVersion, kind } = obj;
  if (typeof kind !== "string" || kind === "") issues.add("kind", "kind is required, for example GlobalNetworkPolicy");
  if (typeof apiVersion !== "string" || apiVersion === "") {
    issues.add("apiVersion", "apiVersion is required, for example projectcalico.org/v3");
  }
  if (issues.errors.length > 0) return issues.result();
  const sameKind = Object.values(KINDS).filter((k) => k.kind === kind);
  if (sameKind.length > 0) {
    const versions = sameKind.map((k) => k.apiVersion).join(" or ");
    issues.add("apiVersion", `${String(kind)} is validated as ${versions}, not ${String(apiVersion)}`);
  } else {
    const known = [...new Set(Object.values(KINDS).map((k) => k.kind))].join(", ");
    issues.add("kind", `kind ${String(kind)} is not a policy resource Palisade validates (${known})`);
  }
  return issues.result();
}

/**
 * Calico decodes into Go structs whose `omitempty` fields drop zero values before any check, so `types: []` and
 * `stagedAction: ""` are simply absent for calicoctl and the Calico API server (defaults then apply). Only a
 * kube-apiserver serving the native v3 CRDs sees them, and rejects them; that is worth a warning, not an error.
 */
function withoutOmittedZeroValues(spec: unknown, warnings: Issues): unknown {
  if (!isRecord(spec)) return {};
  const out = { ...spec };
  if (Array.isArray(out.types) && out.types.length === 0) {
    delete out.types;
    warnings.add(
      "spec.types",
      "an empty types list means no types (derived from the rules); the native v3 CRDs reject it, so omit it",
    );
  }
  if (out.stagedAction === "") {
    delete out.stagedAction;
    warnings.add(
      "spec.stagedAction",
      'an empty stagedAction means the default "Set"; the native v3 CRDs reject it, so omit it',
    );
  }
  return out;
}

/** Validates one resource object (as decoded from YAML or JSON). Expected failures are values, never exceptions. */
export function validateResourceWith(obj: unknown, options: ValidateOptions): ValidationResult {
  const issues = new Issues();
  if (!isRecord(obj)) {
    issues.add("", "a resource must be an object with apiVersion, kind, metadata and spec");
    return issues.result();
  }
  const kind = resourceKindOf(obj.apiVersion, obj.kind);
  if (kind === undefined) return unsupported(obj, issues);
  const ctx: Context = { issues, checkSelector: options.checkSelector, release: options.release };
  // Go decodes an absent spec as its zero value, so a missing spec is checked as an empty one.
  const warnings = new Issues();
  // The admin policies are Kubernetes objects, not decoded by Calico: their fields are checked as written.
  const spec = isAdminPolicyKind(kind)
    ? isRecord(obj.spec)
      ? obj.spec
      : {}
    : withoutOmittedZeroValues(obj.spec, warnings);
  const subject: Record<string, unknown> = { ...obj, spec };
  checkSchema(RESOURCE_SCHEMAS[kind] as Record<string, unknown>, subject, "", issues);
  checkMetadata(subject.metadata, ctx, [NAME_RULES[kind]]);
  SPEC_RULES[kind](subject, ctx, warnings);
  const global = kind === "GlobalNetworkPolicy" || kind === "StagedGlobalNetworkPolicy";
  if (global || kind === "NetworkPolicy" || kind === "StagedNetworkPolicy") {
    advisePolicySpec(subject.spec, global, warnings);
    const naming = options.naming;
    checkTieredName(field(subject.metadata, "name"), subject.spec, naming === undefined ? warnings : issues, naming);
  }
  return issues.result(warnings);
}

/**
 * Validates one resource object as libcalico-go's v3 validator and the CRDs would (docs/calico-semantics.md §5), with
 * this package's selector parser. Every error names its field path.
 */
export function validateResource(obj: unknown, options: Partial<ValidateOptions> = {}): ValidationResult {
  return validateResourceWith(obj, {
    checkSelector: options.checkSelector ?? checkSelectorSyntax,
    naming: options.naming,
    release: options.release,
  });
}
