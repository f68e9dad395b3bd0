import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import type { ErrorBody, ServiceList } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";

describe("GET /clusters/:cluster/services", () => {
  let demo: DemoHarness;
  const get = (query: string) => demo.app.inject({ method: "GET", url: `/api/v1/clusters/demo/services${query}` });
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo.close();
  });

  it("lists LoadBalancer Services with their ingress IPs and ports (protocol defaulting to TCP)", async () => {
    const res = await get("?type=LoadBalancer");
    expect(res.statusCode).toBe(200);
    expect(res.json<ServiceList>().items).toEqual([
      {
        namespace: "default",
        name: "nginx",
        type: "LoadBalancer",
        clusterIP: "172.21.0.11",
        loadBalancerIPs: ["198.51.100.50"],
        externalIPs: [],
        ports: [{ name: "http", protocol: "TCP", port: 80, targetPort: 80, nodePort: 31380 }],
      },
    ]);
  });

  it("lists NodePort Services only for type=NodePort", async () => {
    const res = await get("?type=NodePort");
    expect(res.statusCode).toBe(200);
    const items = res.json<ServiceList>().items;
    expect(items.map((s) => `${s.namespace}/${s.name}`)).toEqual(["shop/frontend"]);
    expect(items[0]?.ports).toEqual([{ name: "http", protocol: "TCP", port: 8080, targetPort: 8080, nodePort: 30080 }]);
    expect(items[0]?.loadBalancerIPs).toEqual([]);
  });

  it("lists every Service sorted by namespace and name without a type, a missing type being ClusterIP", async () => {
    const res = await get("");
    const items = res.json<ServiceList>().items;
    expect(items.map((s) => `${s.namespace}/${s.name}`)).toEqual([
      "default/kubernetes",
      "default/nginx",
      "kube-system/kube-dns",
      "shop/backend",
      "shop/frontend",
    ]);
    expect(items.find((s) => s.name === "kube-dns")).toMatchObject({
      type: "ClusterIP",
      clusterIP: "172.21.0.10",
      ports: [
        { name: "dns", protocol: "UDP", port: 53 },
        { name: "dns-tcp", protocol: "TCP", port: 53 },
      ],
    });
  });

  it("rejects an unknown type naming the field, and an unknown cluster with 404", async () => {
    const bad = await get("?type=Ingress");
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json<ErrorBody>())).toContain("type");
    const missing = await demo.app.inject({ method: "GET", url: "/api/v1/clusters/nope/services" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().code).toBe("ClusterNotFound");
  });

  it("follows the informer: a Service created in the cluster appears in the list", async () => {
    const kc = new KubeConfig();
    kc.loadFromString(demo.sim.kubeconfig);
    await KubernetesObjectApi.makeApiClient(kc).create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "edge", namespace: "shop" },
      spec: {
        type: "LoadBalancer",
        externalIPs: ["192.0.2.7"],
        ports: [{ port: 443, protocol: "TCP", nodePort: 31443 }],
      },
    });
    await demo.cluster.settle(() => demo.cluster.object("Service", "shop", "edge") !== undefined);
    const edge = (await get("?type=LoadBalancer")).json<ServiceList>().items;
    expect(edge.map((s) => `${s.namespace}/${s.name}`)).toEqual(["default/nginx", "shop/edge"]);
    expect(edge[1]).toMatchObject({
      externalIPs: ["192.0.2.7"],
      ports: [{ protocol: "TCP", port: 443, nodePort: 31443 }],
    });
  });
});
