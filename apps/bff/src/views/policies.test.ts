import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";
import { PolicyListBuilder, policyList } from "./policies";
import { selectorMatches } from "./selector";

describe("whole-cluster answers kept until the cluster changes: policy list, selector query", () => {
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

  it("patches the last list on each change: summaries kept where nothing changed, the same list as a first build", async () => {
    const gnp = (name: string, order: number, selector: string) =>
      demo.sim.stored({
        apiVersion: "projectcalico.org/v3",
        kind: "GlobalNetworkPolicy",
        metadata: { name },
        spec: { order, selector, types: ["Ingress"], ingress: [{ action: "Allow" }] },
      });
    const merge = "application/merge-patch+json";
    const patch = (obj: object) => api.patch(obj, undefined, undefined, undefined, undefined, merge);
    const gone = (name: string) => () => demo.cluster.object("GlobalNetworkPolicy", undefined, name) === undefined;
    const orderOf = (name: string, order: number) => () =>
      demo.cluster.object("GlobalNetworkPolicy", undefined, name)?.spec?.order === order;
    const steps: [() => Promise<unknown>, () => boolean][] = [
      [() => api.create(gnp("patch-a", 10, "ibm.role == 'worker_public'")), orderOf("patch-a", 10)],
      [() => api.create(gnp("patch-b", 2000, "all()")), orderOf("patch-b", 2000)],
      [() => patch(gnp("patch-b", 1, "all()")), orderOf("patch-b", 1)],
      [
        () =>
          api.create(
            demo.sim.stored({
              apiVersion: "projectcalico.org/v3",
              kind: "HostEndpoint",
              metadata: { name: "patch-hep", labels: { "ibm.role": "worker_public" } },
              spec: { node: "10.176.48.106", interfaceName: "eth8" },
            }),
          ),
        () => demo.cluster.object("HostEndpoint", undefined, "patch-hep") !== undefined,
      ],
      [
        () =>
          api.delete(
            demo.sim.stored({
              apiVersion: "projectcalico.org/v3",
              kind: "HostEndpoint",
              metadata: { name: "patch-hep" },
            }),
          ),
        () => demo.cluster.object("HostEndpoint", undefined, "patch-hep") === undefined,
      ],
      [() => api.delete(gnp("patch-a", 10, "")), gone("patch-a")],
    ];
    const before = policyList(demo.cluster);
    const publicHosts: (number | undefined)[] = [];
    for (const [change, seen] of steps) {
      await change();
      expect(await demo.cluster.settle(seen)).toBe(true);
      const patched = policyList(demo.cluster);
      expect(patched).toEqual(new PolicyListBuilder().build(demo.cluster));
      publicHosts.push(patched.items.find((p) => p.name === "patch-a")?.matched.hostEndpoints);
    }
    // The new host endpoint counted: kept counts were dropped when an endpoint changed.
    expect(publicHosts.slice(0, 5)).toEqual([4, 4, 4, 5, 4]);
    const after = policyList(demo.cluster);
    expect(after).not.toBe(before);
    expect(after.items.map((p) => p.name)).toContain("patch-b");
    expect(after.items.map((p) => p.name)).not.toContain("patch-a");
    // A policy no change touched keeps its summary object: nothing was summarised again.
    const untouched = before.items.find((p) => p.name !== "cache-probe");
    expect(after.items.find((p) => p.key === untouched?.key)).toBe(untouched);
  });

  const ask = (limit = 100) => selectorMatches(demo.cluster, "selprobe == 'yes' || ibm.role == 'worker_public'", limit);

  it("gives the same answer until a cache changes, then one that counts the change", async () => {
    const first = ask();
    expect(ask()).toBe(first);
    expect(ask(1)).not.toBe(first);
    expect(first.totals).toEqual({ hostEndpoints: 4, workloadEndpoints: 0 });

    await api.create(
      demo.sim.stored({
        apiVersion: "projectcalico.org/v3",
        kind: "HostEndpoint",
        metadata: { name: "selector-probe-hep", labels: { selprobe: "yes" } },
        spec: { node: "10.176.48.106", interfaceName: "eth9" },
      }),
    );
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
