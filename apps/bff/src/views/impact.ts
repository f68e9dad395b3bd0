import type { Endpoint, Rule } from "@palisade/calico";
import { resourceKey } from "@palisade/calico";
import type { DeleteImpact, EndpointImpact, Warning } from "@palisade/contract";
import type { ClusterModel } from "../cluster-model/cluster-model";
import { type WhatIfChange, whatIf } from "../cluster-model/what-if";
import type { Cluster } from "../clusters/cluster";
import type { ResolvedTarget } from "../documents/delete";
import { compareEndpoints, endpointRef } from "./refs";
import { ruleWords } from "./words";

type Dir = "ingress" | "egress";

/** Directions in which a host endpoint has at least one enforcing normal-stage policy. */
function protectedDirections(model: ClusterModel, ep: Endpoint): Set<Dir> {
  const normal = model.index.policiesForEndpoint(ep.id).normal;
  const out = new Set<Dir>();
  for (const d of ["ingress", "egress"] as const) {
    if (normal[d].some((t) => t.policies.some((p) => !p.staged))) out.add(d);
  }
  return out;
}

/** Host endpoints with enforcing policy, and in which directions: taken before a what-if, compared after it. */
export type HostProtection = ReadonlyMap<
  string,
  { readonly endpoint: Endpoint; readonly directions: ReadonlySet<Dir> }
>;

export function hostProtection(model: ClusterModel): HostProtection {
  const out = new Map<string, { endpoint: Endpoint; directions: Set<Dir> }>();
  for (const ep of model.index.endpoints()) {
    if (ep.kind !== "host" || ep.profiles.includes("projectcalico-default-allow")) continue;
    const directions = protectedDirections(model, ep);
    if (directions.size > 0) out.set(ep.id, { endpoint: ep, directions });
  }
  return out;
}

/**
 * Host endpoints that have enforcing policy `before` and would have none in some direction `after`: everything but
 * failsafe ports and established traffic would then be denied (docs/calico-semantics.md section 4, "Consequences").
 */
export function lockOuts(before: HostProtection, after: ClusterModel): { endpoint: Endpoint; direction: Dir }[] {
  const out: { endpoint: Endpoint; direction: Dir }[] = [];
  for (const { endpoint: ep, directions } of before.values()) {
    const afterEp = after.index.endpoint(ep.id);
    if (afterEp === undefined) continue;
    const now = protectedDirections(after, afterEp);
    for (const d of directions) {
      if (!now.has(d)) out.push({ endpoint: ep, direction: d });
    }
  }
  return out;
}

export function lockOutWarnings(before: HostProtection, after: ClusterModel): Warning[] {
  return lockOuts(before, after).map(lockOutWarning);
}

function lockOutWarning({ endpoint: ep, direction: d }: { endpoint: Endpoint; direction: Dir }): Warning {
  return {
    message: `host endpoint ${ep.name} (node ${ep.node ?? "?"}, ${ep.interfaceName ?? "expected IPs"}) would be left with no ${d} policy: all ${d} traffic except failsafe ports and established connections would be denied`,
  };
}

/** What deleting the targets takes away: per endpoint, the rules that stop applying, and lock-out warnings. */
export function deleteImpact(cluster: Cluster, targets: readonly ResolvedTarget[]): DeleteImpact {
  // Deleting one copy of a name stored twice leaves the other enforced: the name then stands for that copy.
  const changes: WhatIfChange[] = targets.map((t) => ({
    resource: t.type.resource,
    namespace: t.ref.namespace,
    name: t.ref.name,
    object: t.copy?.remaining,
  }));
  const before = hostProtection(cluster.model);
  const locked = whatIf(cluster, changes, (after) => lockOuts(before, after));
  const index = cluster.model.index;
  const lostByEndpoint = new Map<string, EndpointImpact["lost"]>();
  for (const t of targets) {
    const key = resourceKey(t.ref);
    const policy = index.policy(key);
    if (policy === undefined || t.copy?.remaining !== undefined) continue;
    for (const id of index.endpointsForPolicy(key)) {
      const lost = lostByEndpoint.get(id) ?? [];
      for (const d of ["ingress", "egress"] as const) {
        if (!policy.directions.has(d)) continue;
        for (const r of policy[d]) {
          lost.push({
            policy: key,
            direction: d === "ingress" ? "Ingress" : "Egress",
            action: r.rule.action,
            words: ruleWords(r.rule as Rule),
          });
        }
      }
      lostByEndpoint.set(id, lost);
    }
  }
  const warnings = locked.map(lockOutWarning);
  const defaultDeny = new Set(locked.map((l) => l.endpoint.id));
  for (const t of targets) {
    if (t.type.resource === "HostEndpoint" && t.live !== undefined) {
      warnings.push({
        message: `deleting host endpoint ${t.ref.name} removes Calico host policy from its interface: traffic to the host is no longer filtered`,
      });
    }
    if (t.live === undefined) warnings.push({ message: `${t.ref.kind} ${t.ref.name} does not exist` });
    const remaining = t.copy?.remaining;
    if (t.copy !== undefined && remaining !== undefined && t.live !== undefined) {
      warnings.push({
        message: `only the stored copy ${t.copy.storedName} is deleted; ${t.ref.name} stays, as its other copy (resourceVersion ${remaining.metadata.resourceVersion ?? "?"}), and Calico goes on enforcing that`,
      });
    }
    if (t.type.resource === "Tier" && t.live !== undefined) {
      const inTier = [...index.policyList()].filter((p) => p.tier === t.ref.name).length;
      if (inTier > 0)
        warnings.push({
          message: `tier ${t.ref.name} still holds ${inTier} policies; Calico refuses to delete a tier that is in use`,
        });
    }
  }
  const endpoints: EndpointImpact[] = [...new Set([...lostByEndpoint.keys(), ...defaultDeny])]
    .map((id) => index.endpoint(id))
    .filter((ep): ep is Endpoint => ep !== undefined)
    .sort(compareEndpoints)
    .map((ep) => ({
      endpoint: endpointRef(ep),
      lost: lostByEndpoint.get(ep.id) ?? [],
      becomesDefaultDeny: defaultDeny.has(ep.id),
    }));
  return {
    targets: targets.map((t) => ({
      ref: t.ref,
      exists: t.live !== undefined,
      resourceVersion: t.live?.metadata.resourceVersion ?? null,
    })),
    endpoints,
    warnings,
  };
}
