import { isRecord, type KubeObject } from "../api/object";
import { CALICO_GROUP, type CalicoStorage, isCalicoKind } from "./calico-crds";

const POLICY_KINDS = new Set([
  "GlobalNetworkPolicy",
  "NetworkPolicy",
  "StagedGlobalNetworkPolicy",
  "StagedNetworkPolicy",
]);
const METADATA_ANNOTATION = "projectcalico.org/metadata";
const V1 = `${CALICO_GROUP.v1.group}/${CALICO_GROUP.v1.version}`;
const V3 = `${CALICO_GROUP.v3.group}/${CALICO_GROUP.v3.version}`;
const keepOnCr = (key: string) => key.includes("projectcalico.org/") || key.includes("operator.tigera.io/");

/**
 * A Calico object written as `projectcalico.org/v3` as the cluster stores it. For classic v1 storage this is what
 * Calico's KDD backend writes (docs/calico-semantics.md section 3): the v3 metadata as JSON in the
 * `projectcalico.org/metadata` annotation, only Calico-owned label and annotation keys on the CR itself, and
 * default-tier policies named `default.<name>` as Calico up to v3.31 (what IBM Cloud classic clusters run) stored
 * them; the `projectcalico.org/tier` label is what v3 defaulting adds.
 *
 * Written here because `@palisade/calico` has no conversions yet; it should move there when they land.
 */
export function toStorage(obj: KubeObject, storage: CalicoStorage): KubeObject {
  if (storage === "v3" || obj.apiVersion !== V3 || !isCalicoKind(obj.apiVersion, obj.kind)) return obj;
  const { name = "", labels = {}, annotations = {}, ...rest } = obj.metadata;
  const policy = POLICY_KINDS.has(obj.kind);
  const spec = isRecord(obj.spec) ? obj.spec : {};
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
    apiVersion: V1,
    metadata: {
      ...rest,
      name: policy && tier === "default" ? `default.${name}` : name,
      ...(Object.keys(crLabels).length > 0 ? { labels: crLabels } : {}),
      annotations: { ...crAnnotations, [METADATA_ANNOTATION]: JSON.stringify(v3Meta) },
    },
    ...(policy ? { spec: { ...spec, tier } } : {}),
  };
}

/**
 * The v3 object a stored Calico object stands for (what Calico's client reads): a v1 CR's annotation metadata merged
 * over its own, and a default-tier policy's `default.` prefix dropped when the annotation names no v3 name
 * (`determinePolicyName`, calico-semantics.md section 3). v3 objects are returned as they are.
 */
export function toV3View(obj: KubeObject): KubeObject {
  if (obj.apiVersion !== V1) return obj;
  const { annotations = {}, labels = {}, name = "", ...rest } = obj.metadata;
  const { [METADATA_ANNOTATION]: raw, ...ownAnnotations } = annotations;
  let saved: { name?: unknown; labels?: unknown; annotations?: unknown } = {};
  try {
    const parsed: unknown = raw === undefined ? {} : JSON.parse(raw);
    if (isRecord(parsed)) saved = parsed;
  } catch {
    // An unreadable annotation is ignored, as Calico's reader logs and continues.
  }
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const tier = typeof spec.tier === "string" && spec.tier !== "" ? spec.tier : "default";
  const policy = POLICY_KINDS.has(obj.kind);
  const v3Name =
    typeof saved.name === "string" && saved.name !== ""
      ? saved.name
      : policy && tier === "default" && name.startsWith("default.")
        ? name.slice("default.".length)
        : name;
  const mergedLabels = { ...labels, ...(isRecord(saved.labels) ? (saved.labels as Record<string, string>) : {}) };
  const mergedAnnotations = {
    ...ownAnnotations,
    ...(isRecord(saved.annotations) ? (saved.annotations as Record<string, string>) : {}),
  };
  return {
    ...obj,
    apiVersion: V3,
    metadata: {
      ...rest,
      name: v3Name,
      ...(Object.keys(mergedLabels).length > 0 ? { labels: mergedLabels } : {}),
      ...(Object.keys(mergedAnnotations).length > 0 ? { annotations: mergedAnnotations } : {}),
    },
  };
}
