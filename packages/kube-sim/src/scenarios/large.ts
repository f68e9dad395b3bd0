import type { KubeObject } from "../api/object";
import { calicoNetworkPolicy, gnp, hostEndpoint, namespace, node, pod, tier } from "./builders";

export interface LargeScenarioSize {
  readonly nodes: number;
  readonly policies: number;
  readonly pods: number;
}

export const DEFAULT_LARGE_SIZE: LargeScenarioSize = { nodes: 50, policies: 200, pods: 1000 };

const PODS_PER_NAMESPACE = 50;
const APPS = ["web", "api", "db", "cache", "queue", "worker", "auth", "search"];

function ipOf(base: number, i: number): string {
  return `10.${base + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`;
}

/**
 * A generated cluster for benchmarks, deterministic for a given size: `nodes` workers with IBM-style public and
 * private host endpoints, `pods` pods spread over namespaces of 50 and over the workers, and `policies` Calico
 * policies: a third GlobalNetworkPolicies on host endpoints, the rest namespaced NetworkPolicies on pods, across
 * the default tier and a `platform` tier, with orders and selectors varied so ordering and matching do real work.
 */
export function largeScenario(size: LargeScenarioSize = DEFAULT_LARGE_SIZE): KubeObject[] {
  const objects: KubeObject[] = [tier("default", 1_000_000), tier("platform", 100)];
  const workers: string[] = [];
  for (let i = 0; i < size.nodes; i++) {
    const name = ipOf(176, i + 10);
    const publicIp = ipOf(200, i + 10).replace(/^10\./, "100.");
    workers.push(name);
    objects.push(node(name, publicIp, { "topology.kubernetes.io/zone": `zone-${i % 3}` }));
    objects.push(hostEndpoint(name, "private", "eth0", name), hostEndpoint(name, "public", "eth1", publicIp));
  }
  const namespaces = Math.max(1, Math.ceil(size.pods / PODS_PER_NAMESPACE));
  for (let n = 0; n < namespaces; n++)
    objects.push(namespace(`team-${n}`, { team: `team-${n}`, env: n % 2 === 0 ? "prod" : "dev" }));
  for (let p = 0; p < size.pods; p++) {
    const ns = `team-${Math.floor(p / PODS_PER_NAMESPACE)}`;
    const app = APPS[p % APPS.length] ?? "web";
    const worker = workers.length === 0 ? "unscheduled" : (workers[p % workers.length] ?? "unscheduled");
    objects.push(
      pod(
        ns,
        `${app}-${p}`,
        { app, version: `v${p % 3}` },
        { node: worker, ip: `172.30.${Math.floor(p / 250) % 256}.${(p % 250) + 2}` },
      ),
    );
  }
  const globals = Math.ceil(size.policies / 3);
  for (let i = 0; i < size.policies; i++) {
    const order = 100 + ((i * 37) % 2000);
    const tierName = i % 5 === 0 ? "platform" : "default";
    const port = 1024 + ((i * 97) % 60000);
    if (i < globals) {
      const role = i % 2 === 0 ? "worker_public" : "worker_private";
      objects.push(
        withTier(
          gnp(`host-policy-${i}`, {
            order,
            selector: `ibm.role == '${role}'`,
            types: ["Ingress"],
            ingress: [
              { action: i % 4 === 0 ? "Deny" : "Allow", protocol: "TCP", destination: { ports: [port] }, source: {} },
            ],
          }),
          tierName,
        ),
      );
    } else {
      const ns = `team-${i % namespaces}`;
      const app = APPS[i % APPS.length] ?? "web";
      const from = APPS[(i + 1) % APPS.length] ?? "api";
      objects.push(
        withTier(
          calicoNetworkPolicy(ns, `allow-${from}-to-${app}-${i}`, {
            order,
            selector: `app == '${app}'`,
            types: ["Ingress"],
            ingress: [
              {
                action: "Allow",
                protocol: "TCP",
                source: { selector: `app == '${from}'` },
                destination: { ports: [port] },
              },
            ],
          }),
          tierName,
        ),
      );
    }
  }
  return objects;
}

function withTier(policy: KubeObject, tierName: string): KubeObject {
  if (tierName === "default") return policy;
  return {
    ...policy,
    metadata: { ...policy.metadata, name: `${tierName}.${policy.metadata.name ?? ""}` },
    spec: { ...(policy.spec as Record<string, unknown>), tier: tierName },
  };
}
