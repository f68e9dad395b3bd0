/** Loads a generated cluster into a match index (namespaces and accounts first, so pods inherit their labels). */
import { k8sNetworkPolicyToCalico } from "../convert/kubernetes-network-policy";
import { hostEndpoint, networkSetItem, workloadEndpointFromPod } from "../endpoints/endpoint";
import { MatchIndex } from "../endpoints/match-index";
import { DEFAULT_TIER_INFO, type TierInfo } from "../policy/order";
import type { GeneratedCluster } from "./generate-cluster";

export function indexCluster(cluster: GeneratedCluster, tiers: readonly TierInfo[] = [DEFAULT_TIER_INFO]): MatchIndex {
  const idx = new MatchIndex(tiers);
  for (const ns of cluster.namespaces) idx.upsertNamespace(ns);
  for (const sa of cluster.serviceAccounts) idx.upsertServiceAccount(sa);
  for (const hep of cluster.hostEndpoints) idx.upsertEndpoint(hostEndpoint(hep));
  for (const pod of cluster.pods) idx.upsertEndpoint(workloadEndpointFromPod(pod));
  for (const set of cluster.networkSets) idx.upsertNetworkSet(networkSetItem(set));
  const kubernetes = cluster.kubernetesPolicies.map((p) => ({
    ...k8sNetworkPolicyToCalico(p).policy,
    kind: "KubernetesNetworkPolicy",
  }));
  for (const p of [...cluster.policies, ...kubernetes]) {
    const r = idx.upsertPolicy(p);
    if (!r.ok) throw new Error(`generated policy ${p.metadata.name} is invalid: ${r.error.message}`);
  }
  return idx;
}
