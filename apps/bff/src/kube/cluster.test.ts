import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";
import type { KubeObject } from "./resources";

describe("Cluster caches", () => {
  let demo: DemoHarness;
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(() => demo.close());

  /** Creates the object in the demo cluster as any client would (not through the BFF), stored as the cluster stores it. */
  function create(obj: KubeObject) {
    const kc = new KubeConfig();
    kc.loadFromString(demo.sim.kubeconfig);
    return KubernetesObjectApi.makeApiClient(kc).create(demo.sim.stored(obj));
  }

  it("hold a pod as projected (what Palisade reads), once, and its workload endpoint from that", async () => {
    await create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "cached",
        namespace: "shop",
        labels: { app: "cached" },
        annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" },
      },
      spec: {
        nodeName: "10.176.48.2",
        containers: [
          { name: "main", image: "registry.example/cached:1", ports: [{ name: "http", containerPort: 80 }] },
        ],
      },
      status: { phase: "Running", podIP: "172.30.9.9", podIPs: [{ ip: "172.30.9.9" }] },
    });
    const cluster = demo.cluster;
    await cluster.settle(() => cluster.object("Pod", "shop", "cached") !== undefined);
    const pod = cluster.object("Pod", "shop", "cached");
    expect(pod).toMatchObject({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "cached", namespace: "shop", labels: { app: "cached" } },
      spec: { nodeName: "10.176.48.2", containers: [{ ports: [{ name: "http", containerPort: 80 }] }] },
    });
    expect(pod?.metadata.annotations).toBeUndefined();
    expect(Object.keys(pod?.metadata ?? {}).sort()).toEqual(["labels", "name", "namespace", "resourceVersion"]);
    expect(pod?.spec).toEqual({
      nodeName: "10.176.48.2",
      serviceAccountName: "default",
      containers: [{ ports: [{ name: "http", containerPort: 80 }] }],
    });
    expect(cluster.storedObject("Pod", "shop", "cached")).toBe(pod);
    expect(cluster.model.index.endpoint("wep/shop/cached")).toMatchObject({
      node: "10.176.48.2",
      ips: ["172.30.9.9"],
      namedPorts: [{ name: "http", port: 80, protocol: "TCP" }],
    });
  });

  it("hold the kinds shown as YAML whole, annotations included", async () => {
    await create({
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { name: "annotated", annotations: { owner: "team-a" } },
      spec: { selector: "all()", types: ["Ingress"] },
    });
    const cluster = demo.cluster;
    await cluster.settle(() => cluster.object("GlobalNetworkPolicy", undefined, "annotated") !== undefined);
    expect(cluster.object("GlobalNetworkPolicy", undefined, "annotated")?.metadata.annotations).toEqual({
      owner: "team-a",
    });
  });
});
