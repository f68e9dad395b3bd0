/**
 * The resource kinds Palisade models, defined once: each entry yields the TypeScript type (resources.ts), the
 * editor's JSON Schema (json-schema.ts) and the v3 CRD (crd.ts). CRD metadata mirrors the upstream manifests in
 * shared/calico/crds/projectcalico.org-v3 (held against them by crd.test.ts).
 */
import type { TSchema } from "typebox";
import { HostEndpointSpec } from "./host-endpoint";
import { K8sNetworkPolicySpec, StagedKubernetesNetworkPolicySpec } from "./kubernetes-network-policy";
import { GlobalNetworkSetSpec, NetworkSetSpec } from "./network-set";
import {
  GlobalNetworkPolicySpec,
  NetworkPolicySpec,
  StagedGlobalNetworkPolicySpec,
  StagedNetworkPolicySpec,
} from "./policy";
import type { CelRule } from "./schema";
import { TIER_CEL, TIER_CEL_CLASSIC, TierSpec, TierStatus } from "./tier";

export const CALICO_GROUP = "projectcalico.org";
export const CALICO_API_VERSION = "projectcalico.org/v3";
export const K8S_NETWORKING_API_VERSION = "networking.k8s.io/v1";

/**
 * Palisade's name for each modelled kind. `KubernetesNetworkPolicy` is `networking.k8s.io/v1` NetworkPolicy, named
 * as Calico v3.32 names it internally (docs/calico-semantics.md §3) so it never collides with Calico's NetworkPolicy.
 */
export type ModelKind =
  | "GlobalNetworkPolicy"
  | "NetworkPolicy"
  | "StagedGlobalNetworkPolicy"
  | "StagedNetworkPolicy"
  | "StagedKubernetesNetworkPolicy"
  | "HostEndpoint"
  | "GlobalNetworkSet"
  | "NetworkSet"
  | "Tier"
  | "KubernetesNetworkPolicy";

export interface PrinterColumn {
  readonly jsonPath: string;
  readonly name: string;
  readonly type: string;
  readonly description?: string;
}

export interface KindInfo {
  readonly modelKind: ModelKind;
  /** `kind` as written in manifests. */
  readonly kind: string;
  readonly apiVersion: string;
  readonly namespaced: boolean;
  readonly spec: TSchema;
  readonly status?: TSchema;
  /** Object-level CEL rules (the Tier's built-in-tier rules). */
  readonly rootCel?: readonly CelRule[];
  /** Where the classic `crd.projectcalico.org/v1` CRD differs beyond what every kind's does (crd.ts). */
  readonly classic?: {
    /** Root fields it requires (the v3 CRDs require metadata and spec; the classic ones mostly nothing). */
    readonly required?: readonly string[];
    /** `rootCel` as it words them. */
    readonly rootCel?: readonly CelRule[];
  };
  /** Only for kinds served by a Calico CRD. */
  readonly crd?: {
    readonly plural: string;
    readonly singular: string;
    readonly shortNames?: readonly string[];
    readonly printerColumns?: readonly PrinterColumn[];
    readonly selectableFields?: readonly { jsonPath: string }[];
    readonly subresources?: Readonly<Record<string, Record<string, never>>>;
  };
}

const tierColumns: PrinterColumn[] = [
  { jsonPath: ".spec.tier", name: "Tier", type: "string" },
  { jsonPath: ".spec.order", name: "Order", type: "number" },
];
const age: PrinterColumn = { jsonPath: ".metadata.creationTimestamp", name: "Age", type: "date" };
const byTier = [{ jsonPath: ".spec.tier" }];

function calico(
  kind: Exclude<ModelKind, "KubernetesNetworkPolicy">,
  namespaced: boolean,
  spec: TSchema,
  crd: NonNullable<KindInfo["crd"]>,
  extra: Pick<KindInfo, "status" | "rootCel" | "classic"> = {},
): KindInfo {
  return { modelKind: kind, kind, apiVersion: CALICO_API_VERSION, namespaced, spec, crd, ...extra };
}

export const KINDS: Readonly<Record<ModelKind, KindInfo>> = {
  GlobalNetworkPolicy: calico("GlobalNetworkPolicy", false, GlobalNetworkPolicySpec, {
    plural: "globalnetworkpolicies",
    singular: "globalnetworkpolicy",
    shortNames: ["gnp", "cgnp"],
    printerColumns: [...tierColumns, age],
    selectableFields: byTier,
    subresources: {},
  }),
  NetworkPolicy: calico("NetworkPolicy", true, NetworkPolicySpec, {
    plural: "networkpolicies",
    singular: "networkpolicy",
    shortNames: ["cnp", "caliconetworkpolicy"],
    printerColumns: tierColumns,
    selectableFields: byTier,
    subresources: {},
  }),
  StagedGlobalNetworkPolicy: calico("StagedGlobalNetworkPolicy", false, StagedGlobalNetworkPolicySpec, {
    plural: "stagedglobalnetworkpolicies",
    singular: "stagedglobalnetworkpolicy",
    shortNames: ["sgnp"],
    printerColumns: tierColumns,
    selectableFields: byTier,
    subresources: {},
  }),
  StagedNetworkPolicy: calico("StagedNetworkPolicy", true, StagedNetworkPolicySpec, {
    plural: "stagednetworkpolicies",
    singular: "stagednetworkpolicy",
    shortNames: ["scnp", "snp"],
    printerColumns: tierColumns,
    selectableFields: byTier,
    subresources: {},
  }),
  StagedKubernetesNetworkPolicy: calico("StagedKubernetesNetworkPolicy", true, StagedKubernetesNetworkPolicySpec, {
    plural: "stagedkubernetesnetworkpolicies",
    singular: "stagedkubernetesnetworkpolicy",
    shortNames: ["sknp"],
  }),
  HostEndpoint: calico("HostEndpoint", false, HostEndpointSpec, {
    plural: "hostendpoints",
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
  GlobalNetworkSet: calico("GlobalNetworkSet", false, GlobalNetworkSetSpec, {
    plural: "globalnetworksets",
    singular: "globalnetworkset",
    shortNames: ["gns"],
    printerColumns: [age],
    subresources: {},
  }),
  NetworkSet: calico("NetworkSet", true, NetworkSetSpec, { plural: "networksets", singular: "networkset" }),
  Tier: calico(
    "Tier",
    false,
    TierSpec,
    {
      plural: "tiers",
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
  KubernetesNetworkPolicy: {
    modelKind: "KubernetesNetworkPolicy",
    kind: "NetworkPolicy",
    apiVersion: K8S_NETWORKING_API_VERSION,
    namespaced: true,
    spec: K8sNetworkPolicySpec,
  },
};

export const MODEL_KINDS = Object.keys(KINDS) as ModelKind[];

/** The modelled kind of a manifest from its apiVersion and kind, or undefined when Palisade does not model it. */
export function modelKindOf(apiVersion: unknown, kind: unknown): ModelKind | undefined {
  for (const info of Object.values(KINDS)) {
    if (info.apiVersion === apiVersion && info.kind === kind) return info.modelKind;
  }
  return undefined;
}
