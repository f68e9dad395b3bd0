import { generateCluster } from "@palisade/calico";
import { describe, expect, it } from "vitest";
import { cacheKey, type KubeObject } from "../kube/resources";
import { ClusterModel } from "./cluster-model";
import { type WhatIfChange, whatIf } from "./what-if";

/** A cache and its model, fed as the informers feed them. */
function cachedCluster() {
  const g = generateCluster({ endpoints: 300, policies: 120, seed: 5, profile: "real-world" });
  const objects = new Map<string, KubeObject>();
  const model = new ClusterModel();
  const add = (resource: string, list: readonly object[]) => {
    for (const o of list as KubeObject[]) {
      objects.set(`${resource}|${cacheKey(o.metadata.namespace, o.metadata.name)}`, o);
      model.apply(resource, "added", o);
    }
  };
  add("Namespace", g.namespaces);
  add("ServiceAccount", g.serviceAccounts);
  add("Pod", g.pods);
  add("HostEndpoint", g.hostEndpoints);
  add("GlobalNetworkPolicy", g.policies);
  add("KubernetesNetworkPolicy", g.kubernetesPolicies);
  const object = (resource: string, namespace: string | undefined, name: string) =>
    objects.get(`${resource}|${cacheKey(namespace, name)}`);
  return { cluster: { model, object }, g };
}

/** Everything the index answers: each policy's endpoints, each endpoint's policies in order, the errors. */
function answers(model: ClusterModel): string {
  const idx = model.index;
  const policies = [...idx.policyList()].map((p) => [p.key, [...idx.endpointsForPolicy(p.key)].sort()]);
  const endpoints = [...idx.endpoints()].map((ep) => {
    const lists = idx.policiesForEndpoint(ep.id);
    return [ep.id, JSON.stringify(lists, (k, v) => (k === "policies" ? v.map((p: { key: string }) => p.key) : v))];
  });
  return JSON.stringify([policies.sort(), endpoints.sort(), [...idx.policyErrors().keys()].sort()]);
}

const NP = "KubernetesNetworkPolicy";

describe("whatIf", () => {
  it("shows the changed model to its callback and leaves the live model answering exactly as before", () => {
    const { cluster, g } = cachedCluster();
    const before = answers(cluster.model);
    const np = g.kubernetesPolicies.find((p) => p.spec.podSelector?.matchLabels !== undefined);
    if (np === undefined) throw new Error("no policy");
    const key = `${NP}/${np.metadata.namespace}/${np.metadata.name}`;
    const selectedBefore = cluster.model.index.endpointsForPolicy(key).size;
    expect(selectedBefore).toBeGreaterThan(0);
    const widened = { ...np, spec: { ...np.spec, podSelector: {} } } as unknown as KubeObject;
    const pod = g.pods[0] as unknown as KubeObject;
    const changes: WhatIfChange[] = [
      { resource: NP, namespace: np.metadata.namespace, name: np.metadata.name, object: widened },
      { resource: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, object: undefined },
      { resource: "Namespace", namespace: undefined, name: "kube-system", object: undefined },
    ];
    const seen = whatIf(cluster, changes, (after) => ({
      selected: after.index.endpointsForPolicy(key).size,
      pod: after.index.endpoint(`wep/${pod.metadata.namespace}/${pod.metadata.name}`),
    }));
    expect(seen.selected).toBeGreaterThan(selectedBefore);
    expect(seen.pod).toBeUndefined();
    expect(answers(cluster.model)).toBe(before);
  });

  it("puts the live objects back when the callback throws", () => {
    const { cluster, g } = cachedCluster();
    const before = answers(cluster.model);
    const gnp = g.policies[0] as unknown as KubeObject;
    const change = {
      resource: "GlobalNetworkPolicy",
      namespace: undefined,
      name: gnp.metadata.name,
      object: undefined,
    };
    expect(() =>
      whatIf(cluster, [change], () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(answers(cluster.model)).toBe(before);
  });

  it("leaves no policy in place of one whose proposed selector does not parse, as a model built without it would", () => {
    const { cluster, g } = cachedCluster();
    const before = answers(cluster.model);
    const gnp = g.policies[0] as unknown as KubeObject;
    const broken = { ...gnp, spec: { ...gnp.spec, selector: "ibm.role ==" } };
    const key = `GlobalNetworkPolicy//${gnp.metadata.name}`;
    const inside = whatIf(
      cluster,
      [{ resource: "GlobalNetworkPolicy", namespace: undefined, name: gnp.metadata.name, object: broken }],
      (after) => ({ policy: after.index.policy(key), error: after.index.policyErrors().has(key) }),
    );
    expect(inside).toEqual({ policy: undefined, error: true });
    expect(cluster.model.index.policy(key)).toBeDefined();
    expect(answers(cluster.model)).toBe(before);
  });
});
