import { type Static, Type } from "typebox";
import { ResourceKind } from "./kinds";

export const Verb = Type.Union([
  Type.Literal("get"),
  Type.Literal("list"),
  Type.Literal("watch"),
  Type.Literal("create"),
  Type.Literal("update"),
  Type.Literal("patch"),
  Type.Literal("delete"),
]);
export type Verb = Static<typeof Verb>;

/** Whether an action is allowed, and if not, a reason to show beside the disabled control. */
export const Allowed = Type.Object({
  allowed: Type.Boolean(),
  reason: Type.Optional(Type.String()),
});
export type Allowed = Static<typeof Allowed>;

export const KindPermissions = Type.Object({
  kind: ResourceKind,
  /** Per verb, from SelfSubjectAccessReview against the cluster (the cluster's RBAC decides). */
  verbs: Type.Record(Type.String(), Allowed),
});
export type KindPermissions = Static<typeof KindPermissions>;

/** `GET /api/v1/clusters/:cluster/permissions`. */
export const Permissions = Type.Object({
  cluster: Type.String(),
  /** The user the cluster sees, when it tells (SelfSubjectReview); null otherwise. */
  user: Type.Union([Type.String(), Type.Null()]),
  /** Palisade itself runs with --read-only: every write is refused whatever RBAC says. */
  readOnly: Type.Boolean(),
  kinds: Type.Array(KindPermissions),
  /** Summaries for the UI: may the user apply/delete Calico policies at all (in some namespace)? */
  apply: Allowed,
  delete: Allowed,
});
export type Permissions = Static<typeof Permissions>;
