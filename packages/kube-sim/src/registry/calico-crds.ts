import { adminPolicyCrds, calicoV3Crds } from "@palisade/calico";
import { isRecord, type KubeObject } from "../api/object";

/**
 * How a cluster stores Calico objects (docs/calico-semantics.md section 3): classic `crd.projectcalico.org/v1` CRs,
 * or (from Calico 3.32) native `projectcalico.org/v3` CRDs. Which CRDs exist is how clients tell them apart.
 */
export type CalicoStorage = "v1" | "v3";

export const CALICO_GROUP: Record<CalicoStorage, { group: string; version: string }> = {
  v1: { group: "crd.projectcalico.org", version: "v1" },
  v3: { group: "projectcalico.org", version: "v3" },
};

export interface CalicoKind {
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

const V3_CRDS = calicoV3Crds();

/** The policy-related kinds Calico serves through CRDs (the nine of shared/calico/crds), from `@palisade/calico`. */
export const CALICO_KINDS: readonly CalicoKind[] = V3_CRDS.map((crd) => ({
  kind: crd.spec.names.kind,
  plural: crd.spec.names.plural,
  namespaced: crd.spec.scope === "Namespaced",
}));

export function isCalicoKind(apiVersion: string, kind: string): boolean {
  const served = Object.values(CALICO_GROUP).some((g) => apiVersion === `${g.group}/${g.version}`);
  return served && CALICO_KINDS.some((k) => k.kind === kind);
}

/** Drops `default`s: the classic v1 CRDs declare none, so nothing is defaulted on write there. */
function withoutDefaults(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDefaults);
  if (!isRecord(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k]) => k !== "default")
      .map(([k, v]) => [k, withoutDefaults(v)]),
  );
}

/** A v3 schema as the classic CRD has it: no defaults, and no `status` (classic Tiers have none). */
function v1Schema(schema: Record<string, unknown>): unknown {
  const { status: _, ...properties } = (isRecord(schema.properties) ? schema.properties : {}) as Record<
    string,
    unknown
  >;
  return withoutDefaults({ ...schema, properties });
}

/**
 * The CRD objects a cluster with the given storage has: the model's v3 CRDs (`calicoV3Crds`, held against upstream
 * by @palisade/calico), or their classic v1 counterparts, which have the same spec schemas but no short names, no
 * defaults and no status subresource.
 */
export function calicoCrds(storage: CalicoStorage): KubeObject[] {
  if (storage === "v3") return structuredClone(V3_CRDS) as unknown as KubeObject[];
  const { group, version } = CALICO_GROUP.v1;
  return V3_CRDS.map((crd) => {
    const { shortNames: _, ...names } = crd.spec.names;
    return {
      apiVersion: crd.apiVersion,
      kind: crd.kind,
      metadata: { name: `${names.plural}.${group}` },
      spec: {
        ...crd.spec,
        group,
        names,
        versions: crd.spec.versions.map(
          ({ subresources: _s, additionalPrinterColumns: _a, selectableFields: _f, ...v }) => ({
            ...v,
            name: version,
            schema: { openAPIV3Schema: v1Schema(v.schema.openAPIV3Schema) },
          }),
        ),
      },
    };
  });
}

/**
 * The admin policy CRDs (`policy.networking.k8s.io`: AdminNetworkPolicy, BaselineAdminNetworkPolicy,
 * ClusterNetworkPolicy) as the model builds them, held against upstream's by packages/control-plane's
 * admin-crds.test.ts: the demo cluster serves them whatever its Calico storage, as a cluster with network-policy-api's
 * CRDs installed does.
 */
export function adminPolicyCrdObjects(): KubeObject[] {
  return structuredClone(adminPolicyCrds()) as unknown as KubeObject[];
}

/**
 * A Calico CRD outside the model (ClusterInformation, IPPool), served in the storage's group: only the spec's
 * schema, as a subset of the one Calico ships.
 */
export function calicoSideCrd(
  storage: CalicoStorage,
  names: { kind: string; plural: string; singular: string },
  spec: Record<string, unknown>,
): KubeObject {
  const { group, version } = CALICO_GROUP[storage];
  const str = { type: "string" };
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${names.plural}.${group}` },
    spec: {
      group,
      names: { ...names, listKind: `${names.kind}List` },
      preserveUnknownFields: false,
      scope: "Cluster",
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                apiVersion: str,
                kind: str,
                metadata: { type: "object" },
                spec: { type: "object", ...spec },
              },
            },
          },
        },
      ],
    },
  };
}

/** A cluster-scoped Calico object in the storage's group. */
export function calicoObject(
  storage: CalicoStorage,
  kind: string,
  name: string,
  spec: Record<string, unknown>,
): KubeObject {
  const { group, version } = CALICO_GROUP[storage];
  return { apiVersion: `${group}/${version}`, kind, metadata: { name }, spec };
}
