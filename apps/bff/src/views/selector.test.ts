import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";
import { selectorMatches } from "./selector";

describe("selector answers", () => {
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

  const ask = (limit = 100) => selectorMatches(demo.cluster, "probe == 'yes' || ibm.role == 'worker_public'", limit);

  it("gives the same answer until a cache changes, then one that counts the change", async () => {
    const first = ask();
    expect(ask()).toBe(first);
    expect(ask(1)).not.toBe(first);
    expect(first.totals).toEqual({ hostEndpoints: 4, workloadEndpoints: 0 });

    await api.create({
      apiVersion: "projectcalico.org/v3",
      kind: "HostEndpoint",
      metadata: { name: "selector-probe-hep", labels: { probe: "yes" } },
      spec: { node: "10.176.48.106", interfaceName: "eth9" },
    });
    expect(await demo.cluster.settle(() => ask() !== first)).toBe(true);
    expect(ask().totals).toEqual({ hostEndpoints: 5, workloadEndpoints: 0 });
    expect(ask().items.map((i) => i.endpoint.id)).toContain("hep/selector-probe-hep");
  });

  it("lists the first matches in endpoint order and counts them all", () => {
    const all = ask();
    const two = ask(2);
    expect(two.items).toEqual(all.items.slice(0, 2));
    expect(two).toMatchObject({ total: all.total, truncated: true, totals: all.totals });
  });
});
