/** Tier (api/pkg/apis/projectcalico/v3/tier.go); ordering and built-in tiers: docs/calico-semantics.md §2. */
import { type Static, Type } from "typebox";
import type { CelRule } from "./schema";

export const TierSpec = Type.Object({
  defaultAction: Type.Optional(
    Type.Unsafe<"Pass" | "Deny">({
      allOf: [{ enum: ["Allow", "Deny", "Log", "Pass"] }, { enum: ["Pass", "Deny"] }],
      default: "Deny",
      type: "string",
      description: "what happens to traffic no policy in the tier decided: Deny or Pass",
    }),
  ),
  order: Type.Optional(Type.Number({ description: "lower orders are evaluated first; unset sorts last" })),
});
export type TierSpec = Static<typeof TierSpec>;

const condition = Type.Object({
  lastTransitionTime: Type.String({ format: "date-time" }),
  message: Type.String({ maxLength: 32768 }),
  observedGeneration: Type.Optional(Type.Integer({ format: "int64", minimum: 0 })),
  reason: Type.String({ maxLength: 1024, minLength: 1, pattern: "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$" }),
  status: Type.Unsafe<"True" | "False" | "Unknown">({ type: "string", enum: ["True", "False", "Unknown"] }),
  type: Type.String({
    maxLength: 316,
    pattern:
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
  }),
});

export const TierStatus = Type.Object({ conditions: Type.Optional(Type.Array(condition)) });
export type TierStatus = Static<typeof TierStatus>;

/** The Tier CRD's object-level CEL rules: built-in tiers' default actions (docs/calico-semantics.md §2). */
export const TIER_CEL = [
  {
    message: "The 'kube-admin' tier must have default action 'Pass'",
    reason: "FieldValueInvalid",
    rule: "self.metadata.name == 'kube-admin' ? (has(self.spec.defaultAction) && self.spec.defaultAction == 'Pass') : true",
  },
  {
    message: "The 'kube-baseline' tier must have default action 'Pass'",
    reason: "FieldValueInvalid",
    rule: "self.metadata.name == 'kube-baseline' ? (has(self.spec.defaultAction) && self.spec.defaultAction == 'Pass') : true",
  },
  {
    message: "The 'default' tier must have default action 'Deny'",
    reason: "FieldValueInvalid",
    rule: "self.metadata.name == 'default' ? (has(self.spec.defaultAction) && self.spec.defaultAction == 'Deny') : true",
  },
] satisfies CelRule[];

/** The same rules as the classic `crd.projectcalico.org/v1` Tier CRD words them (it has no `reason`). */
export const TIER_CEL_CLASSIC = [
  {
    message: "The 'kube-admin' tier must have default action 'Pass'",
    rule: "self.metadata.name == 'kube-admin' ? self.spec.defaultAction == 'Pass' : true",
  },
  {
    message: "The 'kube-baseline' tier must have default action 'Pass'",
    rule: "self.metadata.name == 'kube-baseline' ? self.spec.defaultAction == 'Pass' : true",
  },
  {
    message: "The 'default' tier must have default action 'Deny'",
    rule: "self.metadata.name == 'default' ? self.spec.defaultAction == 'Deny' : true",
  },
] satisfies CelRule[];
