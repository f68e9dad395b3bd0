/**
 * Calico's CustomResourceDefinitions built from the model: the native `projectcalico.org/v3` CRDs of Calico v3.32
 * and the classic `crd.projectcalico.org/v1` ones (libcalico-go/config/crd), each held against upstream's files by
 * crd.test.ts.
 */

import type { TSchema } from "typebox";
import { HostEndpointSpec } from "./host-endpoint";
import type { JsonSchema } from "./json-schema";
import { CALICO_GROUP, type CalicoKind, KINDS, type KindInfo } from "./kinds";
import { StagedKubernetesNetworkPolicySpec } from "./kubernetes-network-policy";
import { GlobalNetworkSetSpec, NetworkSetSpec } from "./network-set";
import {
  GlobalNetworkPolicySpec,
  NetworkPolicySpec,
  StagedGlobalNetworkPolicySpec,
  StagedNetworkPolicySpec,
} from "./policy";
import type { CelRule } from "./schema";
import { TIER_CEL, TIER_CEL_CLASSIC, TierSpec, TierStatus } from "./tier";

/** The classic storage group (docs/calico-semantics.md section 3). */
const CLASSIC_GROUP = "crd.projectcalico.org";

export interface CustomResourceDefinition {
  apiVersion: "apiextensions.k8s.io/v1";
  kind: "CustomResourceDefinition";
  metadata: { name: string; annotations?: Record<string, string> };
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

interface CrdSource {
  readonly spec: TSchema;
  readonly status?: TSchema;
  /** Object-level CEL rules (the Tier's built-in-tier rules). */
  readonly rootCel?: readonly CelRule[];
  /** Where the classic `crd.projectcalico.org/v1` CRD differs beyond what every kind's does (`classicCrdOf`). */
  readonly classic?: {
    /** Root fields it requires (the v3 CRDs require metadata and spec; the classic ones mostly nothing). */
    readonly required?: readonly string[];
    /** `rootCel` as it words them. */
    readonly rootCel?: readonly CelRule[];
  };
  readonly names: {
    readonly singular: string;
    readonly shortNames?: readonly string[];
    readonly printerColumns?: readonly PrinterColumn[];
    readonly selectableFields?: readonly { jsonPath: string }[];
    readonly subresources?: Readonly<Record<string, Record<string, never>>>;
  };
}

function source(
  spec: TSchema,
  names: CrdSource["names"],
  extra: Pick<CrdSource, "status" | "rootCel" | "classic"> = {},
): CrdSource {
  return { spec, names, ...extra };
}

interface PrinterColumn {
  readonly jsonPath: string;
  readonly name: string;
  readonly type: string;
  readonly description?: string;
}

const tierColumns: PrinterColumn[] = [
  { jsonPath: ".spec.tier", name: "Tier", type: "string" },
  { jsonPath: ".spec.order", name: "Order", type: "number" },
];
const age: PrinterColumn = { jsonPath: ".metadata.creationTimestamp", name: "Age", type: "date" };
const byTier = [{ jsonPath: ".spec.tier" }];

/** What each Calico kind's CRD is made of; names and scope come from the table of kinds. */
const CRD_SOURCES: Readonly<Record<CalicoKind, CrdSource>> = {
  GlobalNetworkPolicy: source(GlobalNetworkPolicySpec, {
    singular: "globalnetworkpolicy",
    shortNames: ["gnp", "cgnp"],
    printerColumns: [...tierColumns, age],
    selectableFields: byTier,
    subresources: {},
  }),
  NetworkPolicy: source(NetworkPolicySpec, {
    singular: "networkpolicy",
    shortNames: ["cnp", "caliconetworkpolicy"],
    printerColumns: tierColumns,
    selectableFields: byTier,
    subresources: {},
  }),
  StagedGlobalNetworkPolicy: source(StagedGlobalNetworkPolicySpec, {
    singular: "stagedglobalnetworkpolicy",
    shortNames: ["sgnp"],
    printerColumns: tierColumns,
    selectableFields: byTier,
    subresources: {},
  }),
  StagedNetworkPolicy: source(StagedNetworkPolicySpec, {
    singular: "stagednetworkpolicy",
    shortNames: ["scnp", "snp"],
    printerColumns: tierColumns,
    selectableFields: byTier,
    subresources: {},
  }),
  StagedKubernetesNetworkPolicy: source(StagedKubernetesNetworkPolicySpec, {
    singular: "stagedkubernetesnetworkpolicy",
    shortNames: ["sknp"],
  }),
  HostEndpoint: source(HostEndpointSpec, {
    singular: "hostendpoint",
    shortNames: ["hep", "heps"],
    printerColumns: [
      {
        description: "The node name identifying the Calico node instance that is targeted by this HostEndpoint",
        jsonPath: ".spec.node",
        name: "Node",
        type: "string",
      },
      {
        description: "The name of the interface that is targeted by this HostEndpoint",
        jsonPath: ".spec.interfaceName",
        name: "Interface",
        type: "string",
      },
    ],
    subresources: {},
  }),
  GlobalNetworkSet: source(GlobalNetworkSetSpec, {
    singular: "globalnetworkset",
    shortNames: ["gns"],
    printerColumns: [age],
    subresources: {},
  }),
  NetworkSet: source(NetworkSetSpec, { singular: "networkset" }),
  Tier: source(
    TierSpec,
    {
      singular: "tier",
      printerColumns: [
        { description: "Order in which the tier is applied", jsonPath: ".spec.order", name: "Order", type: "integer" },
        {
          description: "Default action for the tier",
          jsonPath: ".spec.defaultAction",
          name: "DefaultAction",
          type: "string",
        },
        {
          description: "Current status of the tier",
          jsonPath: ".status.conditions[?(@.type=='Ready')].reason",
          name: "Status",
          type: "string",
        },
      ],
      subresources: { status: {} },
    },
    {
      status: TierStatus,
      rootCel: TIER_CEL,
      classic: { required: ["metadata", "spec"], rootCel: TIER_CEL_CLASSIC },
    },
  ),
};

function plain(schema: unknown): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

/** The structural openAPIV3Schema of a kind: metadata stays a bare object, as controller-gen renders it. */
function crdSchemaOf(info: CrdSource): JsonSchema {
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

function crdOf(info: KindInfo, source: CrdSource): CustomResourceDefinition {
  const crd = source.names;
  const version: CrdVersion = {
    name: "v3",
    served: true,
    storage: true,
    schema: { openAPIV3Schema: crdSchemaOf(source) },
  };
  if (crd.printerColumns !== undefined) version.additionalPrinterColumns = crd.printerColumns.map((c) => ({ ...c }));
  if (crd.selectableFields !== undefined) version.selectableFields = crd.selectableFields.map((f) => ({ ...f }));
  if (crd.subresources !== undefined) version.subresources = { ...crd.subresources };
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${info.plural}.${CALICO_GROUP}` },
    spec: {
      group: CALICO_GROUP,
      names: {
        kind: info.kind,
        listKind: `${info.kind}List`,
        plural: info.plural,
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
  return (Object.keys(CRD_SOURCES) as CalicoKind[]).map((kind) => crdOf(KINDS[kind], CRD_SOURCES[kind]));
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

function classicCrdOf(info: KindInfo, source: CrdSource): CustomResourceDefinition {
  const rootCel = source.classic?.rootCel ?? source.rootCel;
  const required = source.classic?.required;
  const openAPIV3Schema = withoutDescriptions({
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object" },
      spec: plain(source.spec),
    },
    ...(required === undefined ? {} : { required: [...required] }),
    type: "object",
    ...(rootCel === undefined ? {} : { "x-kubernetes-validations": plain(rootCel) }),
  }) as JsonSchema;
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${info.plural}.${CLASSIC_GROUP}` },
    spec: {
      group: CLASSIC_GROUP,
      names: { kind: info.kind, listKind: `${info.kind}List`, plural: info.plural, singular: source.names.singular },
      preserveUnknownFields: false,
      scope: info.namespaced ? "Namespaced" : "Cluster",
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema } }],
    },
  };
}

/**
 * The classic v1 CRDs for every modelled Calico kind: the v3 spec schemas without descriptions; no status, short
 * names, columns, selectable fields or subresources; and what the source's `classic` says.
 */
export function calicoV1Crds(): CustomResourceDefinition[] {
  return (Object.keys(CRD_SOURCES) as CalicoKind[]).map((kind) => classicCrdOf(KINDS[kind], CRD_SOURCES[kind]));
}
