import { describe, expect, it } from "vitest";
import { generateCluster } from "./generate-cluster";
import { indexCluster } from "./load";

describe("generateCluster", () => {
  const size = { endpoints: 600, policies: 120, seed: 7 };

  it("produces the requested numbers of endpoints and policies, the same for the same seed", () => {
    const c = generateCluster(size);
    expect(c.pods.length + c.hostEndpoints.length).toBe(600);
    expect(c.policies.length).toBe(120);
    expect(JSON.stringify(generateCluster(size))).toBe(JSON.stringify(c));
    expect(JSON.stringify(generateCluster({ ...size, seed: 8 }))).not.toBe(JSON.stringify(c));
  });

  it("indexes cleanly, and its policies select endpoints of every kind", () => {
    const idx = indexCluster(generateCluster(size));
    expect(idx.policyErrors().size).toBe(0);
    const selected = new Set<string>();
    for (const p of idx.policyList())
      for (const id of idx.endpointsForPolicy(p.key)) selected.add(id.split("/")[0] ?? "");
    expect(selected).toEqual(new Set(["hep", "wep"]));
  });

  it("in the real-world profile is shaped like the published clusters: small namespaces, Kubernetes policies selecting few pods", () => {
    // About the size of npinaeva/k8s-netpol-scale's cluster, scaled down ten times.
    const c = generateCluster({ endpoints: 560, policies: 1_400, seed: 3, profile: "real-world" });
    expect(c.pods.length + c.hostEndpoints.length).toBe(560);
    expect(c.policies.length + c.kubernetesPolicies.length).toBe(1_400);
    expect(c.policies.length).toBeLessThan(10);
    expect(c.pods.length / c.namespaces.length).toBeCloseTo(9, 0);
    const idx = indexCluster(c);
    expect(idx.policyErrors().size).toBe(0);
    const selected = c.kubernetesPolicies
      .map((p) => idx.endpointsForPolicy(`KubernetesNetworkPolicy/${p.metadata.namespace}/${p.metadata.name}`).size)
      .sort((a, b) => a - b);
    expect(selected[selected.length >> 1]).toBe(6);
    expect(selected[0]).toBeGreaterThan(0);
    const hostSelected = c.policies.filter((p) => p.spec.selector?.startsWith("ibm.role"));
    expect(hostSelected.length).toBeGreaterThan(0);
    for (const p of hostSelected)
      expect(idx.endpointsForPolicy(`GlobalNetworkPolicy//${p.metadata.name}`).size).toBeGreaterThan(0);
  });
});
