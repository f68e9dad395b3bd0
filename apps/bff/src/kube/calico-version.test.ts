import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { startKubeSim } from "@palisade/kube-sim";
import { describe, expect, it } from "vitest";
import { imageTag, tieredFromStoredNames } from "./calico-version";
import { ClusterCache } from "./cluster-cache";
import type { KubeObject } from "./resources";

const gnp = (name: string, tier?: string): KubeObject => ({
  kind: "GlobalNetworkPolicy",
  metadata: { name },
  spec: tier === undefined ? {} : { tier },
});

describe("the cluster's Calico version", () => {
  it("reads an image tag, ignoring registry ports and digests", () => {
    expect(imageTag("quay.io/calico/node:v3.30.2")).toBe("v3.30.2");
    expect(imageTag("registry.local:5000/calico/node:v3.29.1@sha256:abc")).toBe("v3.29.1");
    expect(imageTag("registry.local:5000/calico/node")).toBeUndefined();
  });

  it("tells v3.31-or-older from v3.32-or-newer by how default-tier policies are stored, and not when mixed", () => {
    expect(tieredFromStoredNames([gnp("default.a"), gnp("security.b", "security")])).toBe(true);
    expect(tieredFromStoredNames([gnp("a"), gnp("b", "default")])).toBe(false);
    expect(tieredFromStoredNames([gnp("default.a"), gnp("b")])).toBeUndefined();
    expect(tieredFromStoredNames([])).toBeUndefined();
  });

  it("falls back to the calico-node image when there is no ClusterInformation", async () => {
    const sim = await startKubeSim({ scenario: "empty", storage: "v1" });
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    await KubernetesObjectApi.makeApiClient(kc).create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "calico-node-abcde", namespace: "kube-system", labels: { "k8s-app": "calico-node" } },
      spec: { containers: [{ name: "calico-node", image: "icr.io/ibm/calico/node:v3.30.2" }] },
    });
    const cluster = new ClusterCache({ name: "c", source: "kubeconfig", kubeConfig: kc, isDefault: true });
    try {
      cluster.start();
      await cluster.whenReady();
      expect(cluster.summary().calico).toMatchObject({
        version: "v3.30.2",
        source: "calico-node image",
        tieredPolicyNames: true,
      });
    } finally {
      cluster.stop();
      await sim.close();
    }
  });
});
