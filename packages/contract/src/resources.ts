import { type Static, Type } from "typebox";
import { ResourceKind } from "./kinds";

/** Identifies one object. `namespace` is set exactly for namespaced kinds. */
export const ResourceRef = Type.Object({
  kind: ResourceKind,
  name: Type.String({ minLength: 1, maxLength: 253 }),
  namespace: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
});
export type ResourceRef = Static<typeof ResourceRef>;

export const ObjectMeta = Type.Object(
  {
    name: Type.String(),
    namespace: Type.Optional(Type.String()),
    resourceVersion: Type.Optional(Type.String()),
    uid: Type.Optional(Type.String()),
    generation: Type.Optional(Type.Integer()),
    creationTimestamp: Type.Optional(Type.String()),
    labels: Type.Optional(Type.Record(Type.String(), Type.String())),
    annotations: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: true },
);
export type ObjectMeta = Static<typeof ObjectMeta>;

/**
 * A Kubernetes object as JSON, in the form users see (`projectcalico.org/v3` for Calico kinds, whatever the
 * cluster's storage). Its `spec` is described by the calico package's resource schemas, not repeated here.
 */
export const ResourceObject = Type.Object(
  {
    apiVersion: Type.String(),
    kind: Type.String(),
    metadata: ObjectMeta,
    spec: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: true },
);
export type ResourceObject = Static<typeof ResourceObject>;

export const Labels = Type.Record(Type.String(), Type.String());
export type Labels = Static<typeof Labels>;
