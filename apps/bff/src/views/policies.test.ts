import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";
import { policyList } from "./policies";

describe("policy list cache", () => {
  let demo: DemoHarness;
  let api: KubernetesObjectApi;
  beforeAll(async () => {
    demo = await startDemo();
    const kc = new KubeConfig();
    kc.loadFromString(demo.sim.kubeconfig);
    api = KubernetesObjectApi.makeApiClient(kc);
  });
  afterAll(async () => {
    await demo.close();
  });

  const probe = () => policyList(demo.cluster).items.find((p) => p.name === "cache-probe");
  const cached = (kind: string, name: string) =>
    demo.cluster.settle(() => demo.cluster.object(kind, undefined, name) !== undefined);

  it("serves one list until a cache changes, then rebuilds it: a new policy, then an endpoint it matches", async () => {
    const first = policyList(demo.cluster);
    expect(policyList(demo.cluster)).toBe(first);

    await api.create(
      demo.sim.stored({
        apiVersion: "projectcalico.org/v3",
        kind: "GlobalNetworkPolicy",
        metadata: { name: "cache-probe" },
        spec: { order: 5, selector: "probe == 'yes'", types: ["Ingress"], ingress: [{ action: "Allow" }] },
      }),
    );
    expect(await cached("GlobalNetworkPolicy", "cache-probe")).toBe(true);
    expect(policyList(demo.cluster)).not.toBe(first);
    expect(probe()?.matched).toEqual({ hostEndpoints: 0, workloadEndpoints: 0 });

    await api.create(
      demo.sim.stored({
        apiVersion: "projectcalico.org/v3",
        kind: "HostEndpoint",
        metadata: { name: "cache-probe-hep", labels: { probe: "yes" } },
        spec: { node: "10.176.48.106", interfaceName: "eth9" },
      }),
    );
    expect(await cached("HostEndpoint", "cache-probe-hep")).toBe(true);
    expect(probe()?.matched).toEqual({ hostEndpoints: 1, workloadEndpoints: 0 });
  });
});
