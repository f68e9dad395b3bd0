/** Kubernetes ObjectMeta as far as Palisade reads it. CRDs render it as a bare `{type: object}`. */
import { type Static, Type } from "typebox";
import { stringMap } from "./schema";

export const OwnerReference = Type.Object({
  apiVersion: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  uid: Type.String(),
  controller: Type.Optional(Type.Boolean()),
  blockOwnerDeletion: Type.Optional(Type.Boolean()),
});
export type OwnerReference = Static<typeof OwnerReference>;

export const ObjectMeta = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 253 })),
  generateName: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
  labels: Type.Optional(stringMap()),
  annotations: Type.Optional(stringMap()),
  uid: Type.Optional(Type.String()),
  resourceVersion: Type.Optional(Type.String()),
  generation: Type.Optional(Type.Integer()),
  creationTimestamp: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  deletionTimestamp: Type.Optional(Type.String()),
  deletionGracePeriodSeconds: Type.Optional(Type.Integer()),
  finalizers: Type.Optional(Type.Array(Type.String())),
  ownerReferences: Type.Optional(Type.Array(OwnerReference)),
  managedFields: Type.Optional(Type.Array(Type.Unsafe<Record<string, unknown>>({ type: "object" }))),
});
export type ObjectMeta = Static<typeof ObjectMeta>;
