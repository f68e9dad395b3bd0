/**
 * Calico policy specs (api/pkg/apis/projectcalico/v3/{globalnetworkpolicy,networkpolicy,stagednetworkpolicy}.go).
 * Ordering and `types` defaulting: docs/calico-semantics.md section 2; validator rules: section 5.
 */
import { type Static, Type } from "typebox";
import { Rule } from "./rule";
import { type CelRule, stringEnum } from "./schema";

export const POLICY_TYPES = ["Ingress", "Egress"] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

export const STAGED_ACTIONS = ["Set", "Delete", "Learn", "Ignore"] as const;
export type StagedAction = (typeof STAGED_ACTIONS)[number];

const types = Type.Array(stringEnum(POLICY_TYPES), {
  maxItems: 2,
  minItems: 1,
  "x-kubernetes-list-type": "set",
  description: "directions this policy applies to; when omitted, derived from the rules present",
});
const performanceHints = Type.Array(stringEnum(["AssumeNeededOnEveryNode"] as const));
const tier = Type.String({ default: "default", description: "tier holding this policy" });
const order = Type.Number({ description: "lower orders apply first; unset sorts last" });
/** `stagedAction` of the Staged kinds: what the staged policy would do to its enforced counterpart. */
export const StagedActionField = stringEnum(STAGED_ACTIONS, { default: "Set" });

/** The CRD's CEL rules on a (Staged)GlobalNetworkPolicy spec: preDNAT constraints (docs/calico-semantics.md §5). */
const globalSpecCel = [
  {
    message: "preDNAT and doNotTrack cannot both be true",
    reason: "FieldValueForbidden",
    rule: "!((has(self.doNotTrack) && self.doNotTrack) && (has(self.preDNAT) && self.preDNAT))",
  },
  {
    message: "preDNAT policy cannot have any egress rules",
    reason: "FieldValueForbidden",
    rule: "(!has(self.preDNAT) || !self.preDNAT) || !has(self.egress) || size(self.egress) == 0",
  },
  {
    message: "preDNAT policy cannot have 'Egress' type",
    reason: "FieldValueForbidden",
    rule: "(!has(self.preDNAT) || !self.preDNAT) || !has(self.types) || !self.types.exists(t, t == 'Egress')",
  },
  {
    message: "applyOnForward must be true if either preDNAT or doNotTrack is true",
    reason: "FieldValueInvalid",
    rule: "(has(self.applyOnForward) && self.applyOnForward) || ((!has(self.doNotTrack) || !self.doNotTrack) && (!has(self.preDNAT) || !self.preDNAT))",
  },
] satisfies CelRule[];

const commonFields = {
  egress: Type.Optional(Type.Array(Rule)),
  ingress: Type.Optional(Type.Array(Rule)),
  order: Type.Optional(order),
  performanceHints: Type.Optional(performanceHints),
  selector: Type.Optional(
    Type.String({ description: "Calico selector choosing the endpoints this policy applies to" }),
  ),
  serviceAccountSelector: Type.Optional(Type.String()),
  tier: Type.Optional(tier),
  types: Type.Optional(types),
};

const globalFields = {
  ...commonFields,
  applyOnForward: Type.Optional(
    Type.Boolean({ description: "also apply to traffic forwarded through host endpoints" }),
  ),
  doNotTrack: Type.Optional(Type.Boolean({ description: "apply before connection tracking (untracked)" })),
  namespaceSelector: Type.Optional(Type.String()),
  preDNAT: Type.Optional(Type.Boolean({ description: "apply before DNAT; ingress only, needs applyOnForward" })),
};

export const NetworkPolicySpec = Type.Object(commonFields);
export type NetworkPolicySpec = Static<typeof NetworkPolicySpec>;

export const GlobalNetworkPolicySpec = Type.Object(globalFields, { "x-kubernetes-validations": globalSpecCel });
export type GlobalNetworkPolicySpec = Static<typeof GlobalNetworkPolicySpec>;

export const StagedNetworkPolicySpec = Type.Object({ ...commonFields, stagedAction: Type.Optional(StagedActionField) });
export type StagedNetworkPolicySpec = Static<typeof StagedNetworkPolicySpec>;

export const StagedGlobalNetworkPolicySpec = Type.Object(
  { ...globalFields, stagedAction: Type.Optional(StagedActionField) },
  { "x-kubernetes-validations": globalSpecCel },
);
export type StagedGlobalNetworkPolicySpec = Static<typeof StagedGlobalNetworkPolicySpec>;
