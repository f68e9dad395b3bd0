import {
  denyNodePorts,
  type Generated,
  type GlobalNetworkPolicy,
  isLoggableKind,
  type LoggablePolicy,
  logDeniedPackets,
  policyKey,
  preDnatAllowlist,
  refLabel,
} from "@palisade/calico";
import type {
  DenyNodePortsParams,
  GeneratorResult,
  LogDeniedPacketsParams,
  PreDnatAllowlistParams,
  ResourceObject,
} from "@palisade/contract";
import { whatIf } from "../cluster-model/what-if";
import type { Cluster } from "../clusters/cluster";
import { editable, toYaml } from "../documents/render";
import { HttpError, notFound } from "../errors";
import type { KubeObject } from "../kube/resources";
import { hostProtection, lockOutWarnings } from "./impact";
import { endpointMatches } from "./refs";

/** The generated policy with the endpoints it would apply to in this cluster and what it would lock out. */
function result(cluster: Cluster, g: Generated): GeneratorResult {
  const obj = g.policy as unknown as KubeObject;
  const resource = obj.kind ?? "";
  const key = policyKey({ kind: resource, metadata: obj.metadata });
  const before = hostProtection(cluster.model);
  const change = { resource, namespace: obj.metadata.namespace, name: obj.metadata.name, object: obj };
  const { lockOuts, appliesTo } = whatIf(cluster, [change], (after) => ({
    lockOuts: lockOutWarnings(before, after),
    appliesTo: endpointMatches(after.index, after.index.endpointsForPolicy(key)),
  }));
  return {
    objects: [obj as ResourceObject],
    yaml: toYaml(editable(obj)),
    errors: g.errors.map((e) => ({ path: e.path, message: e.message })),
    warnings: [...g.warnings.map((w) => ({ path: w.path, message: w.message })), ...lockOuts],
    appliesTo,
  };
}

export function generateDenyNodePorts(cluster: Cluster, params: DenyNodePortsParams): GeneratorResult {
  return result(cluster, denyNodePorts(params));
}

export function generatePreDnatAllowlist(cluster: Cluster, params: PreDnatAllowlistParams): GeneratorResult {
  return result(cluster, preDnatAllowlist(params));
}

/** A Log policy after an existing policy of the cluster (its selector, ordered after it). */
export function generateLogDeniedPackets(cluster: Cluster, params: LogDeniedPacketsParams): GeneratorResult {
  const { policy: ref } = params;
  if (!isLoggableKind(ref.kind)) {
    throw new HttpError(
      "BadRequest",
      `log-denied-packets follows a GlobalNetworkPolicy, NetworkPolicy or Kubernetes NetworkPolicy, not ${ref.kind}`,
      [{ path: "policy.kind", message: "not a loggable policy kind" }],
    );
  }
  const target = cluster.object(ref.kind, ref.namespace, ref.name);
  if (target === undefined) throw notFound(refLabel(ref));
  const options = {
    ...(params.name === undefined ? {} : { name: params.name }),
    ...(params.order === undefined ? {} : { order: params.order }),
  };
  return result(
    cluster,
    logDeniedPackets(target as unknown as LoggablePolicy, options) as Generated<GlobalNetworkPolicy>,
  );
}
