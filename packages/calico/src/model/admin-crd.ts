/**
 * The admin policies' CustomResourceDefinitions (`policy.networking.k8s.io`) built from the model, for clusters that
 * are not given upstream's (the demo cluster): the structural schema of network-policy-api v0.1.5's standard-channel
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy and v0.2.0's ClusterNetworkPolicy, held against upstream's files
 * by admin-crd.test.ts. Upstream's CEL rules are applied by validation (validate/admin-network-policy.ts), except the
 * baseline policy's single name, which the CRD carries.
 */
import type { TSchema } from "typebox";
import type { CrdVersion, CustomResourceDefinition } from "./crd";
import type { JsonSchema } from "./json-schema";
import { ADMIN_POLICY_GROUP, type AdminPolicyKind, KINDS } from "./kinds";
import { RESOURCE_SCHEMAS } from "./resources";

interface AdminCrdSource {
  readonly singular: string;
  /** The API review upstream's CRD cites: the API server refuses a `*.k8s.io` CRD without one. */
  readonly approval: string;
  readonly shortNames: readonly string[];
  readonly printerColumns: NonNullable<CrdVersion["additionalPrinterColumns"]>;
  readonly rootCel?: readonly { rule: string; message: string }[];
}

const age = { jsonPath: ".metadata.creationTimestamp", name: "Age", type: "date" };
const priority = { jsonPath: ".spec.priority", name: "Priority", type: "string" };

const SOURCES: Readonly<Record<AdminPolicyKind, AdminCrdSource>> = {
  AdminNetworkPolicy: {
    singular: "adminnetworkpolicy",
    approval: "https://github.com/kubernetes-sigs/network-policy-api/pull/30",
    shortNames: ["anp"],
    printerColumns: [priority, age],
  },
  BaselineAdminNetworkPolicy: {
    singular: "baselineadminnetworkpolicy",
    approval: "https://github.com/kubernetes-sigs/network-policy-api/pull/30",
    shortNames: ["banp"],
    printerColumns: [age],
    rootCel: [
      {
        message: 'Only one baseline admin network policy with metadata.name="default" can be created in the cluster',
        rule: "self.metadata.name == 'default'",
      },
    ],
  },
  ClusterNetworkPolicy: {
    singular: "clusternetworkpolicy",
    approval: "https://github.com/kubernetes-sigs/network-policy-api/pull/347",
    shortNames: ["cnp"],
    printerColumns: [{ jsonPath: ".spec.tier", name: "Tier", type: "string" }, priority, age],
  },
};

function specSchema(kind: AdminPolicyKind): JsonSchema {
  const resource = RESOURCE_SCHEMAS[kind] as TSchema & { properties: { spec: unknown } };
  return JSON.parse(JSON.stringify(resource.properties.spec)) as JsonSchema;
}

function crdOf(kind: AdminPolicyKind): CustomResourceDefinition {
  const info = KINDS[kind];
  const source = SOURCES[kind];
  const version = info.apiVersion.slice(ADMIN_POLICY_GROUP.length + 1);
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: {
      name: `${info.plural}.${ADMIN_POLICY_GROUP}`,
      annotations: { "api-approved.kubernetes.io": source.approval },
    },
    spec: {
      group: ADMIN_POLICY_GROUP,
      names: {
        kind,
        listKind: `${kind}List`,
        plural: info.plural,
        singular: source.singular,
        shortNames: [...source.shortNames],
      },
      preserveUnknownFields: false,
      scope: "Cluster",
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          additionalPrinterColumns: source.printerColumns.map((c) => ({ ...c })),
          schema: {
            openAPIV3Schema: {
              properties: {
                apiVersion: { type: "string" },
                kind: { type: "string" },
                metadata: { type: "object" },
                spec: specSchema(kind),
              },
              required: ["metadata", "spec"],
              type: "object",
              ...(source.rootCel === undefined
                ? {}
                : { "x-kubernetes-validations": source.rootCel.map((r) => ({ ...r })) }),
            },
          },
        },
      ],
    },
  };
}

/** The three admin policy CRDs, ready to create on an API server. */
export function adminPolicyCrds(): CustomResourceDefinition[] {
  return (Object.keys(SOURCES) as AdminPolicyKind[]).map(crdOf);
}
