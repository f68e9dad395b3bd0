import type { KubeObject } from "../api/object";
import { CALICO_GROUP, type CalicoStorage } from "../registry/calico-crds";
import { isCalicoObject } from "../validate/calico";

const POLICY_KINDS = new Set([
  "GlobalNetworkPolicy",
  "NetworkPolicy",
  "StagedGlobalNetworkPolicy",
  "StagedNetworkPolicy",
]);
const METADATA_ANNOTATION = "projectcalico.org/metadata";
const keepOnCr = (key: string) => key.includes("projectcalico.org/") || key.includes("operator.tigera.io/");

/**
 * A scenario's Calico objects (written as `projectcalico.org/v3`) as the cluster stores them. For classic v1
 * storage this is what Calico's KDD backend writes (docs/calico-semantics.md section 3): the v3 metadata as JSON in
 * the `projectcalico.org/metadata` annotation, only Calico-owned label and annotation keys on the CR itself, and
 * default-tier policies named `default.<name>` as Calico up to v3.31 (what IBM Cloud classic clusters run) stored
 * them. The v3 `tier` label is what defaulting adds.
 */
export function toStorage(obj: KubeObject, storage: CalicoStorage): KubeObject {
  if (!isCalicoObject(obj) || obj.apiVersion !== `${CALICO_GROUP.v3.group}/${CALICO_GROUP.v3.version}`) return obj;
  if (storage === "v3") return obj;
  const { name = "", labels = {}, annotations = {}, ...rest } = obj.metadata;
  const policy = POLICY_KINDS.has(obj.kind);
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const tier = typeof spec.tier === "string" ? spec.tier : "default";
  const crLabels = Object.fromEntries(Object.entries(labels).filter(([k]) => keepOnCr(k)));
  if (policy) crLabels["projectcalico.org/tier"] = tier;
  const crAnnotations = Object.fromEntries(Object.entries(annotations).filter(([k]) => keepOnCr(k)));
  const v3Meta = {
    ...(policy ? { name } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  return {
    ...obj,
    apiVersion: `${CALICO_GROUP.v1.group}/${CALICO_GROUP.v1.version}`,
    metadata: {
      ...rest,
      name: policy && tier === "default" ? `default.${name}` : name,
      ...(Object.keys(crLabels).length > 0 ? { labels: crLabels } : {}),
      annotations: { ...crAnnotations, [METADATA_ANNOTATION]: JSON.stringify(v3Meta) },
    },
    ...(policy ? { spec: { ...spec, tier } } : {}),
  };
}
