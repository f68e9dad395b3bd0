/**
 * CustomResourceDefinitions for the `projectcalico.org/v3` group, built from the model (the native v3 CRDs of
 * Calico v3.32, shared/calico/crds/projectcalico.org-v3). The classic `crd.projectcalico.org/v1` CRDs are read from
 * shared/ by whoever installs them; their spec schemas equal these (crd.test.ts).
 */

import type { JsonSchema } from "./json-schema";
import { CALICO_GROUP, KINDS, type KindInfo, type ModelKind } from "./kinds";

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
