/**
 * The YAML editor's flavour of the model's JSON Schema (monaco-yaml, draft-07): the CRD shapes plus what a structural
 * CRD schema cannot say but an editor can use for completion and early markers: protocol names, port syntax, and
 * `additionalProperties: false` so a misspelt field is flagged while typing. Semantic rules stay in src/validate.
 */
import { PORT_DESCRIPTION, PROTOCOL_DESCRIPTION, PROTOCOL_NAMES } from "./rule";

type Json = Record<string, unknown>;

/** Port syntax: a number, "min:max", or a Kubernetes port name (docs/calico-semantics.md §5 "Ports"). */
const PORT_PATTERN = "^([0-9]{1,5}|[0-9]{1,5}:[0-9]{1,5}|(?=[-a-z0-9]*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?)$";

const REPLACEMENTS: Readonly<Record<string, Json>> = {
  [PROTOCOL_DESCRIPTION]: {
    description: PROTOCOL_DESCRIPTION,
    anyOf: [
      { type: "string", enum: [...PROTOCOL_NAMES] },
      { type: "integer", minimum: 1, maximum: 255 },
    ],
  },
  [PORT_DESCRIPTION]: {
    description: PORT_DESCRIPTION,
    anyOf: [
      { type: "integer", minimum: 1, maximum: 65535 },
      { type: "string", pattern: PORT_PATTERN },
    ],
  },
};

/** YAML's empty value (`matchLabels:`) is null; Kubernetes prunes it, so an optional field may be null. */
function orNull(schema: unknown): unknown {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const node = schema as Json;
  if (typeof node.type === "string") return { ...node, type: [node.type, "null"] };
  if (Array.isArray(node.anyOf)) return { ...node, anyOf: [...node.anyOf, { type: "null" }] };
  return node;
}

/** A copy of `schema` refined for the editor. */
export function refineForEditor(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(refineForEditor);
  if (schema === null || typeof schema !== "object") return schema;
  const node = schema as Json;
  const replacement = typeof node.description === "string" ? REPLACEMENTS[node.description] : undefined;
  if (replacement !== undefined && "x-kubernetes-int-or-string" in node) return replacement;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-kubernetes-")) continue;
    out[key] = refineForEditor(value);
  }
  if (out.type === "object" && out.properties !== undefined) {
    if (out.additionalProperties === undefined) out.additionalProperties = false;
    const required = new Set(Array.isArray(out.required) ? out.required : []);
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Json).map(([k, v]) => [k, required.has(k) ? v : orNull(v)]),
    );
  }
  return out;
}
