/**
 * Calico's CustomResourceDefinitions built from the model: the native `projectcalico.org/v3` CRDs of Calico v3.32
 * and the classic `crd.projectcalico.org/v1` ones (libcalico-go/config/crd), each held against upstream's files by
 * crd.test.ts.
 */

import type { JsonSchema } from "./json-schema";
import { CALICO_GROUP, KINDS, type KindInfo, type ModelKind } from "./kinds";

/** The classic storage group (docs/calico-semantics.md section 3). */
const CLASSIC_GROUP = "crd.projectcalico.org";

export interface CustomResourceDefinition {
  apiVersion: "apiextensions.k8s.io/v1";
  kind: "CustomResourceDefinition";
  metadata: { name: string };
  spec: {
    group: string;
    names: { kind: string; listKind: string; plural: string; singular: string; shortNames?: string[] };
    preserveUnknownFields: false;
    scope: "Cluster" | "Namespaced";
    versions: CrdVersion[];
  };
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema: { openAPIV3Schema: JsonSchema };
  additionalPrinterColumns?: { jsonPath: string; name: string; type: string; description?: string }[];
  selectableFields?: { jsonPath: string }[];
  subresources?: Record<string, Record<string, never>>;
}

function plain(schema: unknown): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

/** The structural openAPIV3Schema of a kind: metadata stays a bare object, as controller-gen renders it. */
export function crdSchemaOf(info: KindInfo): JsonSchema {
  const properties: JsonSchema = {
    apiVersion: { type: "string" },
    kind: { type: "string" },
    metadata: { type: "object" },
    spec: plain(info.spec),
  };
  if (info.status !== undefined) properties.status = plain(info.status);
  return {
    properties,
    required: ["metadata", "spec"],
    type: "object",
    ...(info.rootCel === undefined ? {} : { "x-kubernetes-validations": plain(info.rootCel) }),
  };
}

function crdOf(info: KindInfo): CustomResourceDefinition | undefined {
  const crd = info.crd;
  if (crd === undefined) return undefined;
  const version: CrdVersion = {
    name: "v3",
    served: true,
    storage: true,
    schema: { openAPIV3Schema: crdSchemaOf(info) },
  };
  if (crd.printerColumns !== undefined) version.additionalPrinterColumns = crd.printerColumns.map((c) => ({ ...c }));
  if (crd.selectableFields !== undefined) version.selectableFields = crd.selectableFields.map((f) => ({ ...f }));
  if (crd.subresources !== undefined) version.subresources = { ...crd.subresources };
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${crd.plural}.${CALICO_GROUP}` },
    spec: {
      group: CALICO_GROUP,
      names: {
        kind: info.kind,
        listKind: `${info.kind}List`,
        plural: crd.plural,
        singular: crd.singular,
        ...(crd.shortNames === undefined ? {} : { shortNames: [...crd.shortNames] }),
      },
      preserveUnknownFields: false,
      scope: info.namespaced ? "Namespaced" : "Cluster",
      versions: [version],
    },
  };
}

/** The v3 CRDs for every modelled Calico kind, ready to create on an API server. */
export function calicoV3Crds(): CustomResourceDefinition[] {
  return (Object.keys(KINDS) as ModelKind[]).flatMap((kind) => crdOf(KINDS[kind]) ?? []);
}

/** `schema` without its descriptions (Palisade's editor help): the classic CRDs have none. */
function withoutDescriptions(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDescriptions);
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k, v]) => !(k === "description" && typeof v === "string"))
      .map(([k, v]) => [k, withoutDescriptions(v)]),
  );
}

function classicCrdOf(info: KindInfo): CustomResourceDefinition | undefined {
  const crd = info.crd;
  if (crd === undefined) return undefined;
  const rootCel = info.classic?.rootCel ?? info.rootCel;
  const required = info.classic?.required;
  const openAPIV3Schema = withoutDescriptions({
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object" },
      spec: plain(info.spec),
    },
    ...(required === undefined ? {} : { required: [...required] }),
    type: "object",
    ...(rootCel === undefined ? {} : { "x-kubernetes-validations": plain(rootCel) }),
  }) as JsonSchema;
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${crd.plural}.${CLASSIC_GROUP}` },
    spec: {
      group: CLASSIC_GROUP,
      names: { kind: info.kind, listKind: `${info.kind}List`, plural: crd.plural, singular: crd.singular },
      preserveUnknownFields: false,
      scope: info.namespaced ? "Namespaced" : "Cluster",
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema } }],
    },
  };
}

/**
 * The classic v1 CRDs for every modelled Calico kind: the v3 spec schemas without descriptions; no status, short
 * names, columns, selectable fields or subresources; and what `KindInfo.classic` says.
 */
export function calicoV1Crds(): CustomResourceDefinition[] {
  return (Object.keys(KINDS) as ModelKind[]).flatMap((kind) => classicCrdOf(KINDS[kind]) ?? []);
}
