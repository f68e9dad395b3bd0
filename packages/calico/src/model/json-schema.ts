/** JSON Schemas for the YAML editor, generated from the same model as the types and the CRDs. */

import { refineForEditor } from "./editor-schema";
import { KINDS, type ResourceKind } from "./kinds";
import { RESOURCE_SCHEMAS } from "./resources";

export type JsonSchema = Record<string, unknown>;

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

/**
 * The JSON Schema (draft-07, as monaco-yaml reads it) of one whole resource of `kind`, as a plain JSON value: the
 * model's schema refined for editing (protocol and port syntax, unknown fields flagged).
 */
export function resourceJsonSchema(kind: ResourceKind): JsonSchema {
  const info = KINDS[kind];
  const schema = refineForEditor(JSON.parse(JSON.stringify(RESOURCE_SCHEMAS[kind]))) as JsonSchema;
  // calicoctl and the v3 validator accept a manifest without spec (it decodes as the zero value); so does the editor.
  const required = Array.isArray(schema.required) ? schema.required.filter((k) => k !== "spec") : [];
  return {
    $schema: DRAFT_07,
    $id: `palisade:${info.apiVersion}/${info.kind}`,
    title: `${info.kind} (${info.apiVersion})`,
    ...schema,
    required,
  };
}

/**
 * One schema for any modelled resource, choosing the kind's schema from `apiVersion` and `kind` (for an editor
 * that does not know the kind before the user types it).
 */
export function anyResourceJsonSchema(): JsonSchema {
  const kinds = Object.keys(KINDS) as ResourceKind[];
  return {
    $schema: DRAFT_07,
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
