import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { policyKey } from "@palisade/calico";
import { type KubeSim, startKubeSim } from "@palisade/kube-sim";
import { afterEach, describe, expect, it } from "vitest";
import { ClusterModel } from "../cluster-model/cluster-model";
import type { KubeObject } from "../kube/resources";
import { Cluster } from "./cluster";

const pod = (name: string, app: string): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "shop", labels: { app } },
  spec: { nodeName: "10.176.48.2", containers: [{ name: "main", image: "registry.example/x:1" }] },
  status: { phase: "Running", podIP: `172.30.9.${name.length}`, podIPs: [{ ip: `172.30.9.${name.length}` }] },
});

const policy = (name: string, selector: string): KubeObject => ({
  apiVersion: "projectcalico.org/v3",
  kind: "GlobalNetworkPolicy",
  metadata: { name },
  spec: { selector, types: ["Ingress"], ingress: [{ action: "Allow", source: { selector: "app == 'early'" } }] },
});

const DURING = policyKey({ kind: "GlobalNetworkPolicy", metadata: { name: "during" } });

/** What the views read of a model: every endpoint's effective labels and every policy's endpoints. */
function snapshot(model: ClusterModel) {
  const index = model.index;
  return {
    endpoints: [...index.endpoints()]
      .map((e) => [e.id, Object.fromEntries(index.effectiveLabels(e.id) ?? [])] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
    policies: [...index.policyList()]
      .map((p) => [p.key, [...index.endpointsForPolicy(p.key)].sort()] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  };
}

describe("Cluster model", () => {
  let sim: KubeSim | undefined;
  let cluster: Cluster | undefined;
  afterEach(async () => {
    cluster?.stop();
    await sim?.close();
  });

  it("is built from the cache once the first lists end, and kept by every change during and after them", {
    timeout: 60_000,
  }, async () => {
    sim = await startKubeSim({ scenario: "ibm-classic" });
    const s = sim;
    const kc = new KubeConfig();
    kc.loadFromString(s.kubeconfig);
    const api = KubernetesObjectApi.makeApiClient(kc);
    const create = (obj: KubeObject) => api.create(s.stored(obj));
    const merge = (obj: KubeObject) =>
      api.patch(s.stored(obj), undefined, undefined, undefined, undefined, "application/merge-patch+json");
    await create(pod("early", "early"));
    await create(pod("gone", "early"));

    const c = new Cluster({ name: "demo", source: "demo", kubeConfig: kc, isDefault: true });
    cluster = c;
    c.start();
    // Written while the informers list (or just after: the outcome must not depend on which).
    await Promise.all([
      create(policy("during", "app == 'during'")),
      create(pod("during-1", "during")),
      merge({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "early", namespace: "shop", labels: { app: "during" } },
      }),
      merge({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", labels: { extra: "listed" } } }),
      api.delete(pod("gone", "early")),
    ]);
    await c.whenReady();
    await create(pod("after-1", "during"));
    await merge({ ...policy("during", "app == 'during' && has(projectcalico.org/namespace)") });
    await c.settle(
      () =>
        c.model.index.endpoint("wep/shop/after-1") !== undefined &&
        c.model.index.endpoint("wep/shop/gone") === undefined &&
        c.model.index.effectiveLabels("wep/shop/early")?.get("pcns.extra") === "listed" &&
        c.model.index.policy(DURING)?.selector.toString().includes("has(") === true,
      10_000,
    );

    expect([...c.model.index.endpointsForPolicy(DURING)].sort()).toEqual([
      "wep/shop/after-1",
      "wep/shop/during-1",
      "wep/shop/early",
    ]);
    const fresh = new ClusterModel();
    fresh.setRelease(c.calicoRelease.range);
    fresh.load(
      c.caches().map((x) => x.resource),
      (resource) => c.objects(resource),
    );
    expect(snapshot(c.model)).toEqual(snapshot(fresh));
    expect(snapshot(c.model).endpoints.length).toBeGreaterThan(10);
  });
});
