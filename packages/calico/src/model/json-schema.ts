/** JSON Schemas for the YAML editor, generated from the same model as the types and the CRDs. */
import { KINDS, type ModelKind } from "./kinds";
import { RESOURCE_SCHEMAS } from "./resources";

export type JsonSchema = Record<string, unknown>;

/** The JSON Schema (draft 2020-12) of one whole resource of `kind`, as a plain JSON value. */
export function resourceJsonSchema(kind: ModelKind): JsonSchema {
  const info = KINDS[kind];
  const schema = JSON.parse(JSON.stringify(RESOURCE_SCHEMAS[kind])) as JsonSchema;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `palisade:${info.apiVersion}/${info.kind}`,
    title: `${info.kind} (${info.apiVersion})`,
    ...schema,
  };
}

/**
 * One schema for any modelled resource, choosing the kind's schema from `apiVersion` and `kind` (for an editor
 * that does not know the kind before the user types it).
 */
export function anyResourceJsonSchema(): JsonSchema {
  const kinds = Object.keys(KINDS) as ModelKind[];
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "palisade:any",
    title: "Calico or Kubernetes network policy resource",
    type: "object",
    required: ["apiVersion", "kind"],
    allOf: kinds.map((kind) => {
      const info = KINDS[kind];
      const { $schema: _s, $id: _i, title: _t, ...body } = resourceJsonSchema(kind);
      return {
        if: { properties: { apiVersion: { const: info.apiVersion }, kind: { const: info.kind } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's conditional keyword
        then: body,
      };
    }),
  };
}
