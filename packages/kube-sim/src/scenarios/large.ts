import { type ClusterProfile, generateCluster } from "@palisade/calico";
import type { KubeObject } from "../api/object";
import { node, tier } from "./builders";

export interface LargeScenarioSize {
  /** Workers; each has a public and a private host endpoint. */
  readonly nodes: number;
  readonly policies: number;
  readonly pods: number;
  /** Seed of the generator; the same size and seed give the same cluster. */
  readonly seed?: number;
  /** The generator's profile: its synthetic policy mix (the default) or the shape of published large clusters. */
  readonly profile?: ClusterProfile;
}

export const DEFAULT_LARGE_SIZE: LargeScenarioSize = { nodes: 50, policies: 200, pods: 1000 };

/**
 * A generated cluster for benchmarks: `@palisade/calico`'s `generateCluster` (IBM classic workers with public and
 * private host endpoints, namespaces of apps with pods and service accounts, network sets, the fixtures' policy mix)
 * asked for `2 × nodes + pods` endpoints. The generator splits endpoints into workers and pods itself (about 110 pods
 * per worker, 40 in the real-world profile), so `nodes` and `pods` fix their sum; `policies` is exact. Every worker named by a host endpoint or a
 * pod also gets its Node, and pods are Running with their IPs.
 */
export function largeScenario(size: LargeScenarioSize = DEFAULT_LARGE_SIZE): KubeObject[] {
  const cluster = generateCluster({
    endpoints: 2 * size.nodes + size.pods,
    policies: size.policies,
    seed: size.seed,
    profile: size.profile,
  });
  const workers = new Map<string, string>();
  for (const hep of cluster.hostEndpoints) {
    const ip = hep.spec.expectedIPs[0] ?? hep.spec.node;
    if (hep.metadata.labels["ibm.role"] === "worker_public" || !workers.has(hep.spec.node))
      workers.set(hep.spec.node, ip);
  }
  const asObject = <T extends { metadata: object }>(o: T) => structuredClone(o) as unknown as KubeObject;
  return [
    tier("default", 1_000_000),
    ...[...workers].map(([name, publicIp]) => node(name, publicIp, {})),
    ...cluster.namespaces.map(asObject),
    ...cluster.serviceAccounts.map(asObject),
    ...cluster.pods.map((p) => {
      const pod = asObject(p);
      return { ...pod, status: { ...p.status, phase: "Running", hostIP: p.spec.nodeName } };
    }),
    ...cluster.hostEndpoints.map(asObject),
    ...cluster.networkSets.map(asObject),
    ...cluster.policies.map(asObject),
    ...cluster.kubernetesPolicies.map(asObject),
  ];
}
