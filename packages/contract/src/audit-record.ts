import { Type } from "typebox";
import { AuditEntry } from "./audit";

/**
 * The change history kept in the cluster: one cluster-scoped `AuditRecord` (palisade.io/v1alpha1) per entry, so
 * every replica reads and writes the same history. The record's name is the entry's id and its spec is the entry
 * without `id` and `cluster` (the cluster is the one it is stored in). The CRD's schema is derived from
 * {@link AuditEntry}, so the wire type and the stored form cannot drift apart.
 */
export const AUDIT_RECORD = {
  group: "palisade.io",
  version: "v1alpha1",
  kind: "AuditRecord",
  plural: "auditrecords",
  singular: "auditrecord",
} as const;

export const AUDIT_RECORD_API_VERSION = `${AUDIT_RECORD.group}/${AUDIT_RECORD.version}`;

/**
 * The stored spec. The object's kind is any string, not the current kind list: an installed CRD must keep accepting
 * records from a newer Palisade that knows more kinds.
 */
export const AuditRecordSpec = Type.Object({
  ...Type.Omit(AuditEntry, ["id", "cluster", "object"]).properties,
  object: Type.Object({
    ...Type.Omit(AuditEntry.properties.object, ["kind"]).properties,
    kind: Type.String({ minLength: 1 }),
  }),
});

type Schema = Readonly<Record<string, unknown>>;

/** A TypeBox (JSON Schema) type as a structural OpenAPI v3 schema, the form a CRD requires. */
function structural(schema: Schema): Schema {
  if (Array.isArray(schema.anyOf)) {
    const options = schema.anyOf as Schema[];
    const values = options.filter((o) => o.type !== "null");
    const nullable = values.length < options.length ? { nullable: true } : {};
    if (values.length > 0 && values.every((o) => "const" in o))
      return { type: typeof values[0]?.const, enum: values.map((o) => o.const), ...nullable };
    if (values.length === 1) return { ...structural(values[0] as Schema), ...nullable };
    throw new Error(`auditRecordCrd: a union of ${JSON.stringify(schema)} has no structural form`);
  }
  if (schema.type === "object") {
    const properties = Object.fromEntries(
      Object.entries(schema.properties as Record<string, Schema>).map(([k, v]) => [k, structural(v)]),
    );
    const required = Array.isArray(schema.required) && schema.required.length > 0 ? { required: schema.required } : {};
    return { type: "object", properties, ...required };
  }
  if (schema.type === "string" || schema.type === "integer" || schema.type === "number" || schema.type === "boolean") {
    const bounds = ["minLength", "maxLength", "minimum", "maximum"].filter((k) => k in schema);
    return { type: schema.type, ...Object.fromEntries(bounds.map((k) => [k, schema[k]])) };
  }
  throw new Error(`auditRecordCrd: no structural form for ${JSON.stringify(schema)}`);
}

/** The CustomResourceDefinition the manifests and the chart install (deploy/, held equal by a test). */
export function auditRecordCrd() {
  const { group, version, kind, plural, singular } = AUDIT_RECORD;
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${group}`, labels: { "app.kubernetes.io/name": "palisade" } },
    spec: {
      group,
      scope: "Cluster",
      names: { kind, listKind: `${kind}List`, plural, singular, categories: ["palisade"] },
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          additionalPrinterColumns: [
            { name: "Time", type: "string", jsonPath: ".spec.time" },
            { name: "User", type: "string", jsonPath: ".spec.user" },
            { name: "Action", type: "string", jsonPath: ".spec.action" },
            { name: "Kind", type: "string", jsonPath: ".spec.object.kind" },
            { name: "Object", type: "string", jsonPath: ".spec.object.name" },
            { name: "Outcome", type: "string", jsonPath: ".spec.outcome" },
          ],
          schema: {
            openAPIV3Schema: {
              type: "object",
              description: "One entry of Palisade's change history (an apply, delete or rollback of one object).",
              properties: {
                apiVersion: { type: "string" },
                kind: { type: "string" },
                metadata: { type: "object" },
                spec: structural(AuditRecordSpec as unknown as Schema),
              },
              required: ["spec"],
            },
          },
        },
      ],
    },
  };
}
