import { type Static, Type } from "typebox";
import { ApplyResult, DeleteImpact, DeleteResult, Warning } from "./documents";
import { ErrorBody } from "./errors";
import { PolicyKind } from "./kinds";

/** A staged policy by kind and name (namespace for StagedNetworkPolicy and StagedKubernetesNetworkPolicy). */
export const StagedRef = Type.Object({
  kind: Type.Union([
    Type.Literal("StagedGlobalNetworkPolicy"),
    Type.Literal("StagedNetworkPolicy"),
    Type.Literal("StagedKubernetesNetworkPolicy"),
  ]),
  name: Type.String({ minLength: 1, maxLength: 253 }),
  namespace: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
});
export type StagedRef = Static<typeof StagedRef>;

const EnforcedRef = Type.Object({
  kind: PolicyKind,
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
});

/** One staged policy and the enforced policy promoting it would write or delete. */
export const StagedPolicy = Type.Object({
  ref: StagedRef,
  /** `Set` writes the enforced policy, `Delete` deletes it; `Learn` and `Ignore` cannot be promoted. */
  stagedAction: Type.String(),
  tier: Type.String(),
  resourceVersion: Type.String(),
  enforced: EnforcedRef,
  /** The enforced policy's live version; null when it does not exist. */
  enforcedResourceVersion: Type.Union([Type.String(), Type.Null()]),
  /** Why it cannot be promoted (an action with no enforced form), when it cannot. */
  unpromotable: Type.Optional(Type.String()),
});
export type StagedPolicy = Static<typeof StagedPolicy>;

/** `GET .../staged`. */
export const StagedPolicyList = Type.Object({ items: Type.Array(StagedPolicy) });
export type StagedPolicyList = Static<typeof StagedPolicyList>;

/**
 * `POST .../staged/promote`. The versions the user reviewed: the staged policy's (promoting deletes it) and the
 * enforced one's (null: it must not exist yet). Either changed since is a 409 with both versions; nothing is written.
 */
export const PromoteRequest = Type.Object({
  ref: StagedRef,
  resourceVersion: Type.String({ minLength: 1 }),
  enforcedResourceVersion: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
});
export type PromoteRequest = Static<typeof PromoteRequest>;

/** `POST .../staged/preview`: what promoting would do, to review before promoting. */
export const PromotePreview = Type.Object({
  staged: StagedPolicy,
  action: Type.Union([Type.Literal("Set"), Type.Literal("Delete")]),
  /** The enforced policy now and after (YAML without server fields); null where there is none. */
  liveYaml: Type.Union([Type.String(), Type.Null()]),
  proposedYaml: Type.Union([Type.String(), Type.Null()]),
  patch: Type.String(),
  /** Delete: which endpoints lose which rules. */
  impact: Type.Optional(DeleteImpact),
  warnings: Type.Array(Warning),
});
export type PromotePreview = Static<typeof PromotePreview>;

/**
 * What promoting did: `Set` wrote the enforced policy (`applied`, audited like any apply) then deleted the staged one
 * (`removed`); `Delete` deleted both in one conditional delete (`removed`, restored together on a part-way failure).
 */
export const PromoteResult = Type.Object({
  action: Type.Union([Type.Literal("Set"), Type.Literal("Delete")]),
  applied: Type.Optional(ApplyResult),
  removed: Type.Optional(DeleteResult),
});
export type PromoteResult = Static<typeof PromoteResult>;

/** A refused promotion: the apply's result (writing the enforced policy) or the delete's (removing policies). */
export const PromoteErrorBody = Type.Object({
  ...ErrorBody.properties,
  result: Type.Optional(Type.Union([ApplyResult, DeleteResult])),
});
export type PromoteErrorBody = Static<typeof PromoteErrorBody>;
