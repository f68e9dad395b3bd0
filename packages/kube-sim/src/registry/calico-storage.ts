import {
  applyPolicyDefaults,
  fromV1Storage,
  TIERED_POLICY_KINDS,
  tieredPolicyName,
  toV1Storage,
  V1_API_VERSION,
} from "@palisade/calico";
import type { KubeObject } from "../api/object";
import type { StatusCause } from "../api/status";
import { CALICO_GROUP, type CalicoStorage, isCalicoKind } from "./calico-crds";

const V3 = `${CALICO_GROUP.v3.group}/${CALICO_GROUP.v3.version}`;

/**
 * Kinds kube-sim serves from a side CRD (ip-pool.ts, cluster-information.ts, calico-node.ts): kept as written, in the
 * storage's group.
 */
const SIDE_KINDS = new Set(["IPPool", "ClusterInformation", "Node"]);

/**
 * A Calico object written as `projectcalico.org/v3` as the cluster stores it. For classic v1 storage that is the CR
 * Calico's KDD backend writes (`toV1Storage`, docs/calico-semantics.md section 3) after the v3 API's defaulting
 * (`applyPolicyDefaults`: tier, types, the `projectcalico.org/tier` label), with policies named `default.<name>` as
 * Calico up to v3.31 (what IBM Cloud classic clusters run) stored them.
 */
export function toStorage(obj: KubeObject, storage: CalicoStorage): KubeObject {
  if (storage === "v3" || obj.apiVersion !== V3) return obj;
  if (SIDE_KINDS.has(obj.kind)) return { ...obj, apiVersion: V1_API_VERSION };
  if (!isCalicoKind(obj.apiVersion, obj.kind)) return obj;
  const policy = TIERED_POLICY_KINDS.has(obj.kind);
  const defaulted = policy ? applyPolicyDefaults(obj) : obj;
  const stored = toV1Storage(defaulted, policy ? { storedName: tieredPolicyName(obj.metadata.name ?? "") } : {});
  if (!stored.ok)
    throw new Error(`kube-sim: cannot store ${obj.kind} ${obj.metadata.name}: ${stored.errors[0]?.message}`);
  return stored.value as KubeObject;
}

/**
 * The v3 object a stored Calico object stands for, as Calico's client reads it (`fromV1Storage`); v3 objects are
 * their own view. A v1 CR whose stored metadata cannot be read gives the causes instead.
 */
export function toV3View(obj: KubeObject): { object: KubeObject } | { causes: StatusCause[] } {
  if (obj.apiVersion !== V1_API_VERSION) return { object: obj };
  const view = fromV1Storage(obj);
  if (view.ok) return { object: view.value as KubeObject };
  return {
    causes: view.errors.map((e) => ({
      reason: "FieldValueInvalid",
      message: `Invalid value: ${e.message}`,
      field: e.path,
    })),
  };
}
