import {
  type CompiledPolicy,
  comparePolicies,
  type Endpoint,
  hostEndpointId,
  STAGES,
  workloadEndpointId,
} from "@palisade/calico";
import type {
  AppliedPolicy,
  HostEndpointDetail,
  HostEndpointSummary,
  InterfaceRole,
  ResourceObject,
  StagePolicies,
  WorkloadEndpointDetail,
  WorkloadEndpointSummary,
} from "@palisade/contract";
import type { Cluster } from "../clusters/cluster";
import { editable, toYaml } from "../documents/render";
import { notFound } from "../errors";
import { tierMap } from "./policies";
import { compareEndpoints, endpointRef } from "./refs";

/** Per stage, the policies that apply to an endpoint, in evaluation order, with the directions they cover. */
export function stagePolicies(cluster: Cluster, id: string): StagePolicies {
  const byStage = cluster.model.index.policiesForEndpoint(id);
  const tiers = tierMap(cluster);
  const out: Record<string, AppliedPolicy[]> = {};
  for (const stage of STAGES) {
    const merged = new Map<string, { policy: CompiledPolicy; directions: Set<"Ingress" | "Egress"> }>();
    for (const direction of ["ingress", "egress"] as const) {
      for (const tier of byStage[stage][direction]) {
        for (const policy of tier.policies) {
          const entry = merged.get(policy.key) ?? { policy, directions: new Set() };
          entry.directions.add(direction === "ingress" ? "Ingress" : "Egress");
          merged.set(policy.key, entry);
        }
      }
    }
    out[stage] = [...merged.values()]
      .sort((a, b) => comparePolicies(a.policy, b.policy, tiers))
      .map(({ policy, directions }) => applied(policy, directions));
  }
  return out as StagePolicies;
}

function applied(p: CompiledPolicy, directions: ReadonlySet<"Ingress" | "Egress">): AppliedPolicy {
  return {
    key: p.key,
    kind: p.kind,
    name: p.name,
    ...(p.namespace === "" ? {} : { namespace: p.namespace }),
    tier: p.tier,
    order: p.order ?? null,
    directions: (["Ingress", "Egress"] as const).filter((d) => directions.has(d)),
    staged: p.staged,
  };
}

function count(policies: StagePolicies): number {
  return new Set(STAGES.flatMap((s) => policies[s].map((p) => p.key))).size;
}

/** IBM Cloud's `ibm.role` label tells public from private interfaces. */
function roleOf(labels: Readonly<Record<string, string>>): InterfaceRole {
  const role = labels["ibm.role"] ?? "";
  if (role.endsWith("_public")) return "public";
  if (role.endsWith("_private")) return "private";
  return null;
}

function effective(cluster: Cluster, id: string): Record<string, string> {
  return Object.fromEntries(cluster.model.index.effectiveLabels(id) ?? []);
}

function hostSummary(cluster: Cluster, ep: Endpoint): HostEndpointSummary {
  const own = Object.fromEntries(ep.ownLabels);
  return {
    ref: endpointRef(ep),
    node: ep.node ?? "",
    ...(ep.interfaceName === undefined ? {} : { interfaceName: ep.interfaceName }),
    expectedIPs: [...ep.ips],
    labels: own,
    effectiveLabels: effective(cluster, ep.id),
    profiles: [...ep.profiles],
    role: roleOf(own),
    policyCount: count(stagePolicies(cluster, ep.id)),
  };
}

function workloadSummary(cluster: Cluster, ep: Endpoint): WorkloadEndpointSummary {
  const pod = cluster.object("Pod", ep.namespace, ep.name);
  const sa = (pod?.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName;
  return {
    ref: endpointRef(ep),
    node: ep.node ?? "",
    ips: [...ep.ips],
    ...(sa === undefined ? {} : { serviceAccount: sa }),
    labels: { ...(pod?.metadata.labels ?? {}) },
    effectiveLabels: effective(cluster, ep.id),
    policyCount: count(stagePolicies(cluster, ep.id)),
  };
}

function endpointsOfKind(cluster: Cluster, kind: "host" | "workload"): Endpoint[] {
  return [...cluster.model.index.endpoints()].filter((e) => e.kind === kind).sort(compareEndpoints);
}

export function hostEndpointList(cluster: Cluster): HostEndpointSummary[] {
  return endpointsOfKind(cluster, "host").map((ep) => hostSummary(cluster, ep));
}

export function workloadEndpointList(cluster: Cluster, namespace: string | undefined): WorkloadEndpointSummary[] {
  return endpointsOfKind(cluster, "workload")
    .filter((ep) => namespace === undefined || ep.namespace === namespace)
    .map((ep) => workloadSummary(cluster, ep));
}

const STAGE_WORDS = { Ingress: "ingress", Egress: "egress" } as const;

export function hostEndpointDetail(cluster: Cluster, name: string): HostEndpointDetail {
  const ep = cluster.model.index.endpoint(hostEndpointId(name));
  const obj = cluster.object("HostEndpoint", undefined, name);
  if (ep === undefined || obj === undefined) throw notFound(`HostEndpoint ${name}`);
  const policies = stagePolicies(cluster, ep.id);
  const warnings: string[] = [];
  const allowsAll = ep.profiles.includes("projectcalico-default-allow");
  let defaultDeny = false;
  for (const direction of ["Ingress", "Egress"] as const) {
    const enforcing = policies.normal.some((p) => !p.staged && p.directions.includes(direction));
    if (!enforcing && !allowsAll) {
      defaultDeny = true;
      warnings.push(
        `no enforcing policy applies to ${STAGE_WORDS[direction]} traffic to or from the host: everything but failsafe ports and established connections is denied`,
      );
    }
  }
  if (ep.interfaceName === "*")
    warnings.push("interfaceName '*': doNotTrack policies are ignored on all-interfaces host endpoints");
  return {
    summary: hostSummary(cluster, ep),
    object: obj as ResourceObject,
    yaml: toYaml(editable(obj)),
    policies,
    defaultDeny,
    warnings,
  };
}

export function workloadEndpointDetail(cluster: Cluster, namespace: string, name: string): WorkloadEndpointDetail {
  const ep = cluster.model.index.endpoint(workloadEndpointId(namespace, name));
  const pod = cluster.object("Pod", namespace, name);
  if (ep === undefined || pod === undefined) throw notFound(`workload endpoint of pod ${namespace}/${name}`);
  const policies = stagePolicies(cluster, ep.id);
  const warnings =
    policies.normal.length === 0 ? ["no policy selects this pod: its namespace profile allows all traffic"] : [];
  return { summary: workloadSummary(cluster, ep), object: pod as ResourceObject, policies, warnings };
}
