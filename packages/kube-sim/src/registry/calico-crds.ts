import type { KubeObject } from "../api/object";

/**
 * How a cluster stores Calico objects (docs/calico-semantics.md section 3): classic `crd.projectcalico.org/v1` CRs,
 * or (from Calico 3.32) native `projectcalico.org/v3` CRDs. Which CRDs exist is how clients tell them apart.
 */
export type CalicoStorage = "v1" | "v3";

export const CALICO_GROUP: Record<CalicoStorage, { group: string; version: string }> = {
  v1: { group: "crd.projectcalico.org", version: "v1" },
  v3: { group: "projectcalico.org", version: "v3" },
};

interface CalicoKind {
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  /** Short names of the v3 CRDs (the v1 CRDs declare none). */
  readonly shortNames: readonly string[];
  /** Schema defaults of the v3 CRDs, under `spec`. */
  readonly defaults: Readonly<Record<string, string>>;
}

const POLICY_DEFAULTS = { tier: "default" };
const STAGED_DEFAULTS = { tier: "default", stagedAction: "Set" };

/** The nine policy-related kinds of Calico v3.32's CRD sets (shared/calico/crds). */
export const CALICO_KINDS: readonly CalicoKind[] = [
  {
    kind: "GlobalNetworkPolicy",
    plural: "globalnetworkpolicies",
    namespaced: false,
    shortNames: ["gnp", "cgnp"],
    defaults: POLICY_DEFAULTS,
  },
  {
    kind: "NetworkPolicy",
    plural: "networkpolicies",
    namespaced: true,
    shortNames: ["cnp", "caliconetworkpolicy"],
    defaults: POLICY_DEFAULTS,
  },
  { kind: "HostEndpoint", plural: "hostendpoints", namespaced: false, shortNames: ["hep", "heps"], defaults: {} },
  { kind: "GlobalNetworkSet", plural: "globalnetworksets", namespaced: false, shortNames: ["gns"], defaults: {} },
  { kind: "NetworkSet", plural: "networksets", namespaced: true, shortNames: [], defaults: {} },
  { kind: "Tier", plural: "tiers", namespaced: false, shortNames: [], defaults: { defaultAction: "Deny" } },
  {
    kind: "StagedGlobalNetworkPolicy",
    plural: "stagedglobalnetworkpolicies",
    namespaced: false,
    shortNames: ["sgnp"],
    defaults: STAGED_DEFAULTS,
  },
  {
    kind: "StagedNetworkPolicy",
    plural: "stagednetworkpolicies",
    namespaced: true,
    shortNames: ["scnp", "snp"],
    defaults: STAGED_DEFAULTS,
  },
  {
    kind: "StagedKubernetesNetworkPolicy",
    plural: "stagedkubernetesnetworkpolicies",
    namespaced: true,
    shortNames: ["sknp"],
    defaults: { stagedAction: "Set" },
  },
];

/**
 * The CRD objects a cluster with the given storage has. Their schemas keep `spec` open (Calico's own validator,
 * `@palisade/calico`, checks content) and carry the v3 set's defaults; the v3 Tier has a status subresource as
 * upstream's does.
 */
export function calicoCrds(storage: CalicoStorage): KubeObject[] {
  const { group, version } = CALICO_GROUP[storage];
  return CALICO_KINDS.map((k) => {
    const defaults = storage === "v3" ? k.defaults : {};
    const spec = {
      type: "object",
      "x-kubernetes-preserve-unknown-fields": true,
      properties: Object.fromEntries(Object.entries(defaults).map(([f, d]) => [f, { type: "string", default: d }])),
    };
    const tierStatus = storage === "v3" && k.kind === "Tier";
    return {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: `${k.plural}.${group}` },
      spec: {
        group,
        names: {
          kind: k.kind,
          listKind: `${k.kind}List`,
          plural: k.plural,
          singular: k.kind.toLowerCase(),
          ...(storage === "v3" && k.shortNames.length > 0 ? { shortNames: [...k.shortNames] } : {}),
        },
        scope: k.namespaced ? "Namespaced" : "Cluster",
        versions: [
          {
            name: version,
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: "object",
                properties: {
                  apiVersion: { type: "string" },
                  kind: { type: "string" },
                  metadata: { type: "object" },
                  spec,
                  ...(tierStatus ? { status: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } : {}),
                },
              },
            },
            ...(tierStatus ? { subresources: { status: {} } } : {}),
          },
        ],
      },
    } satisfies KubeObject;
  });
}
