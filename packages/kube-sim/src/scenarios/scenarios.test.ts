import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  type KubernetesObject,
  NetworkingV1Api,
} from "@kubernetes/client-node";
import { fromV1Storage, type StoredObject } from "@palisade/calico";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../server";
import { largeScenario } from "./large";

type Obj = KubernetesObject & { spec?: Record<string, unknown> };

describe("the ibm-classic scenario", () => {
  let sim: KubeSim;
  let kc: KubeConfig;
  beforeAll(async () => {
    sim = await startKubeSim();
    kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigFor("viewer"));
  });
  afterAll(() => sim.close());
  /** The Calico objects as Calico's client reads them: the classic v1 CRs ibm-classic stores, in their v3 form. */
  const list = async (plural: string) => {
    const { items } = (await kc
      .makeApiClient(CustomObjectsApi)
      .listClusterCustomObject({ group: "crd.projectcalico.org", version: "v1", plural })) as { items: Obj[] };
    return items.map((cr) => {
      const read = fromV1Storage(cr as StoredObject);
      if (!read.ok) throw new Error(`${plural} ${cr.metadata?.name}: ${read.errors[0]?.message}`);
      return read.value as Obj;
    });
  };

  it("has the four workers, each with a public eth1 and a private eth0 host endpoint labelled ibm.role", async () => {
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual([
      "10.176.48.106",
      "10.176.48.107",
      "10.184.58.23",
      "10.184.58.42",
    ]);
    const heps = await list("hostendpoints");
    expect(heps).toHaveLength(8);
    for (const node of nodes.items) {
      const mine = heps.filter((h) => h.spec?.node === node.metadata?.name);
      expect(mine.map((h) => [h.metadata?.labels?.["ibm.role"], h.spec?.interfaceName]).sort()).toEqual([
        ["worker_private", "eth0"],
        ["worker_public", "eth1"],
      ]);
    }
  });

  it("has IBM's seven default policies with the published orders", async () => {
    const orders = Object.fromEntries(
      (await list("globalnetworkpolicies")).map((p) => [p.metadata?.name, p.spec?.order]),
    );
    expect(orders).toMatchObject({
      "allow-node-port-dnat": 1500,
      "allow-vrrp": 1600,
      "allow-icmp": 1700,
      "allow-bigfix-port": 1900,
      "allow-sys-mgmt": 1950,
    });
    expect(Object.keys(orders).sort()).toEqual([
      "allow-all-outbound",
      "allow-all-private-default",
      "allow-bigfix-port",
      "allow-icmp",
      "allow-node-port-dnat",
      "allow-sys-mgmt",
      "allow-vrrp",
    ]);
    expect(orders["allow-all-outbound"]).toBeGreaterThan(1850);
    expect((await list("tiers")).map((t) => t.metadata?.name)).toEqual(["default"]);
  });

  it("runs run=nginx and run=access pods in 172.30.0.0/16 with the access-nginx NetworkPolicy between them", async () => {
    const pods = (await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: "default" })).items;
    const byRun = (run: string) => pods.filter((p) => p.metadata?.labels?.run === run);
    expect(byRun("nginx")).toHaveLength(2);
    expect(byRun("access")).toHaveLength(1);
    for (const p of pods) expect(p.status?.podIP).toMatch(/^172\.30\.\d+\.\d+$/);
    const np = await kc
      .makeApiClient(NetworkingV1Api)
      .readNamespacedNetworkPolicy({ name: "access-nginx", namespace: "default" });
    expect(np.spec?.podSelector?.matchLabels).toEqual({ run: "nginx" });
    expect(np.spec?.ingress?.[0]?._from?.[0]?.podSelector?.matchLabels).toEqual({ run: "access" });
    const system = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: "kube-system" });
    expect(system.items.filter((p) => p.spec?.hostNetwork === true)).toHaveLength(4);
  });

  it("exposes nginx through a LoadBalancer with an external IP and a NodePort", async () => {
    const svc = await kc.makeApiClient(CoreV1Api).readNamespacedService({ name: "nginx", namespace: "default" });
    expect(svc.spec?.type).toBe("LoadBalancer");
    expect(svc.spec?.ports?.[0]?.nodePort).toBe(31380);
    expect(svc.status?.loadBalancer?.ingress?.[0]?.ip).toBe("198.51.100.50");
    expect(svc.spec?.clusterIP).toMatch(/^172\.21\./);
  });

  it("keeps Calico in classic v1 storage by default, as IBM's classic clusters do; v3 on request", async () => {
    const [classic, native, empty] = await Promise.all([
      startKubeSim(),
      startKubeSim({ storage: "v3" }),
      startKubeSim({ scenario: "empty" }),
    ]);
    expect([classic.storage, native.storage, empty.storage]).toEqual(["v1", "v3", "v3"]);
    // What another Calico client writes for the same objects: the classic CRs, or the objects as they are.
    const gnp = { apiVersion: "projectcalico.org/v3", kind: "GlobalNetworkPolicy", metadata: { name: "x" }, spec: {} };
    const pool = { apiVersion: "projectcalico.org/v3", kind: "IPPool", metadata: { name: "p" }, spec: {} };
    expect(classic.stored(gnp)).toMatchObject({
      apiVersion: "crd.projectcalico.org/v1",
      metadata: { name: "default.x" },
    });
    expect(classic.stored(pool)).toMatchObject({ apiVersion: "crd.projectcalico.org/v1", metadata: { name: "p" } });
    expect([native.stored(gnp), native.stored(pool)]).toEqual([gnp, pool]);
    const kc = new KubeConfig();
    kc.loadFromString(classic.kubeconfig);
    const nodes = (await kc.makeApiClient(CoreV1Api).listNode()).items;
    for (const n of nodes)
      expect(n.metadata?.labels).toMatchObject({
        "topology.kubernetes.io/region": "us-south",
        "ibm-cloud.kubernetes.io/region": "us-south",
        "topology.kubernetes.io/zone": expect.stringMatching(/^dal1[02]$/),
        "ibm-cloud.kubernetes.io/zone": n.metadata?.labels?.["topology.kubernetes.io/zone"],
      });
    await Promise.all([classic.close(), native.close(), empty.close()]);
  });

  it("stores the policies as Calico wrote them in classic v1 storage", async () => {
    const v1 = await startKubeSim({ storage: "v1" });
    const kc1 = new KubeConfig();
    kc1.loadFromString(v1.kubeconfig);
    const gnps = (await kc1
      .makeApiClient(CustomObjectsApi)
      .listClusterCustomObject({ group: "crd.projectcalico.org", version: "v1", plural: "globalnetworkpolicies" })) as {
      items: Obj[];
    };
    const icmp = gnps.items.find((p) => p.metadata?.name === "default.allow-icmp");
    expect(icmp?.metadata?.labels).toEqual({ "projectcalico.org/tier": "default" });
    expect(JSON.parse(icmp?.metadata?.annotations?.["projectcalico.org/metadata"] ?? "{}")).toEqual({
      name: "allow-icmp",
      creationTimestamp: null,
      labels: { "projectcalico.org/tier": "default" },
    });
    expect(icmp?.spec).toMatchObject({ tier: "default", types: ["Ingress"] });
    const discovery = await kc1.makeApiClient(CoreV1Api).listNode();
    expect(discovery.items).toHaveLength(4);
    await v1.close();
  });
});

describe("the large scenario", () => {
  it("has the requested policies, and nodes and pods adding up to the requested endpoints", () => {
    const objects = largeScenario({ nodes: 7, policies: 30, pods: 600 });
    const count = (kind: string) => objects.filter((o) => o.kind === kind).length;
    expect(count("HostEndpoint")).toBe(2 * count("Node"));
    expect(count("HostEndpoint") + count("Pod")).toBe(2 * 7 + 600);
    expect(count("GlobalNetworkPolicy") + count("NetworkPolicy")).toBe(30);
    expect(count("Node")).toBeGreaterThan(1);
  });

  it("is served: every generated object passes the server's validation", async () => {
    const sim = await startKubeSim({ scenario: "large", size: { nodes: 5, policies: 40, pods: 200 } });
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    const pods = await kc.makeApiClient(CoreV1Api).listPodForAllNamespaces();
    expect(pods.items.length).toBeGreaterThan(150);
    expect(pods.items.every((p) => p.status?.phase === "Running")).toBe(true);
    await sim.close();
  });

  it("in the real-world profile serves mostly Kubernetes NetworkPolicies over small namespaces", async () => {
    const size = { nodes: 5, policies: 60, pods: 200, profile: "real-world" } as const;
    const objects = largeScenario(size);
    const k8s = objects.filter((o) => o.apiVersion === "networking.k8s.io/v1").length;
    const global = objects.filter((o) => o.kind === "GlobalNetworkPolicy").length;
    expect(k8s + global).toBe(60);
    expect(k8s).toBeGreaterThan(global);
    const sim = await startKubeSim({ scenario: "large", size });
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    const served = await kc.makeApiClient(NetworkingV1Api).listNetworkPolicyForAllNamespaces();
    expect(served.items).toHaveLength(k8s);
    const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
    expect(namespaces.items.length).toBeGreaterThan(15);
    await sim.close();
  });
});
