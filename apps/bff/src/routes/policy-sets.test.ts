import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import type { ApplyResult, ErrorBody, PolicyList, PolicySetList, PolicySetPlan } from "@palisade/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoHarness, startDemo } from "../testing/demo";

const CSRF = { "x-palisade-csrf": "1" };

// Planning explains a few dozen packets on two copies of the index; on a loaded machine that takes seconds.
describe("policy set routes on the demo cluster", { timeout: 30_000 }, () => {
  let demo: DemoHarness;
  const post = (path: string, payload: object) =>
    demo.app.inject({ method: "POST", url: `/api/v1/clusters/demo/${path}`, headers: CSRF, payload });
  const plan = async (set: string, params: object = {}) => {
    const res = await post(`policy-sets/${set}/plan`, params);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PolicySetPlan>();
  };
  const found = async () => {
    const res = await demo.app.inject({ method: "GET", url: "/api/v1/clusters/demo/policy-sets" });
    expect(res.statusCode).toBe(200);
    return res.json<PolicySetList>().sets;
  };
  const probe = (p: PolicySetPlan, id: string) => {
    const hit = p.probes.find((x) => x.id === id);
    return hit === undefined ? undefined : [hit.before, hit.after];
  };
  const addNode = async (name: string, internalIp: string | undefined) => {
    const kc = new KubeConfig();
    kc.loadFromString(demo.sim.kubeconfig);
    await kc.makeApiClient(CoreV1Api).createNode({
      body: {
        metadata: { name, labels: { "ibm-cloud.kubernetes.io/region": "us-south" } },
        status: internalIp === undefined ? {} : { addresses: [{ type: "InternalIP", address: internalIp }] },
      },
    });
    await demo.cluster.settle(() => demo.cluster.object("Node", undefined, name) !== undefined);
  };

  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo.close();
  });

  it("detects the region from the nodes' labels and plans the public set's impact", async () => {
    const p = await plan("public-isolation");
    expect(p.region).toEqual({
      value: "us-south",
      source: expect.stringContaining("label ibm-cloud.kubernetes.io/region"),
    });
    expect(p.podSubnet).toEqual({ value: "172.30.0.0/16", source: "IPPool default-ipv4-ippool" });
    expect(p.members.filter((m) => m.included).map((m) => m.file)).toEqual([
      "allow-egress-pods-public.yaml",
      "allow-ibm-ports-public.yaml",
      "allow-public-service-endpoint.yaml",
      "deny-all-outbound-public.yaml",
    ]);
    const egressPods = p.members.find((m) => m.member === "allow-egress-pods-public");
    expect(egressPods?.selects.items.every((e) => e.kind === "WorkloadEndpoint")).toBe(true);
    expect(p.members.find((m) => m.member === "deny-all-outbound-public")?.selects.total).toBe(4);
    // IBM's pod policy opens TCP 443 to any address, so only other ports to the internet close.
    expect(probe(p, "pod-internet-443")).toEqual(["allow", "allow"]);
    expect(probe(p, "pod-internet-80")).toEqual(["allow", "deny"]);
    expect(probe(p, "pod-ibm-master")).toEqual(["allow", "allow"]);
    expect(probe(p, "pod-dns")).toEqual(["allow", "allow"]);
    expect(probe(p, "worker-master-proxy")).toEqual(["allow", "allow"]);
    expect(probe(p, "worker-ssh-failsafe")).toEqual(["allow", "allow"]);
    expect(p.probes.find((x) => x.id === "worker-ssh-failsafe")?.afterSummary).toMatch(/failsafe/i);
    expect(probe(p, "internet-nodeport")).toBeDefined();
    expect(probe(p, "internet-loadbalancer")).toBeDefined();
    expect(p.lockOut).toEqual([]);
    expect(p.yaml).toContain("palisade.io/policy-set: public-isolation");
  });

  it("answers 400 naming the parameter for an unknown region, member or subnet", async () => {
    const res = await post("policy-sets/public-isolation/plan", {
      region: "mars-1",
      podSubnet: "nope",
      with: ["allow-vrrp-private"],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().details?.map((d) => d.path)).toEqual(["region", "podSubnet", "with[0]"]);
  });

  // The demo's nodes are in us-south: a set generated for eu-de no longer lets us-south's master and infrastructure in.
  const params = { region: "eu-de" };

  it("refuses a set that would cut workers off until the cluster's name is typed", async () => {
    // IBM's allow-all-private-default after the set's catch-all deny (99900): the set decides private traffic.
    const moved = await post("apply", {
      yaml: `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: allow-all-private-default}
spec:
  order: 99950
  selector: ibm.role == 'worker_private'
  types: [Ingress, Egress]
  ingress: [{action: Allow}]
  egress: [{action: Allow}]
`,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await plan("private-isolation")).lockOut).toEqual([]);
    // The master proxy 172.21.0.1:443 is the kubernetes Service's ClusterIP: kube-proxy sends it to an endpoint of
    // its EndpointSlice (kube-sim's: 172.20.0.1:2040, which the set's etcd proxy rule allows). With a second endpoint
    // the set would deny, whether a worker keeps its master depends on kube-proxy's pick: not a lock-out for sure,
    // but no longer known to be allowed, which refuses the set too.
    const slice = {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "kubernetes", namespace: "default" },
    };
    const endpoints = (extra: string[]) => [
      { addresses: ["172.20.0.1"], conditions: { ready: true } },
      ...extra.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    ];
    const setEndpoints = async (extra: string[]) => {
      await demo.mergePatch(
        { ...slice, endpoints: endpoints(extra) },
        () =>
          JSON.stringify(demo.cluster.object("EndpointSlice", "default", "kubernetes")?.endpoints).split("addresses")
            .length ===
          extra.length + 2,
      );
    };
    await setEndpoints(["192.0.2.40"]);
    try {
      const unsure = (await plan("private-isolation")).lockOut;
      expect(unsure).toHaveLength(4);
      expect(unsure[0]).toContain(
        "could no longer reach the master proxy 172.21.0.1:443, perhaps: explain cannot tell",
      );
      expect(unsure[0]).toContain("172.20.0.1:2040 allow, 192.0.2.40:2040 deny");
    } finally {
      await setEndpoints([]);
    }
    const p = await plan("private-isolation", params);
    expect(p.lockOut.length).toBe(4);
    expect(p.lockOut[0]).toContain("could no longer reach the master's service endpoint 166.9.12.26:443");
    const refused = await post("policy-sets/private-isolation/apply", { params });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().code).toBe("LockOut");
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "deny-all-private-default")).toBeUndefined();
    const wrongName = await post("policy-sets/private-isolation/apply", { params, confirm: "prod" });
    expect(wrongName.statusCode).toBe(409);
    const applied = await post("policy-sets/private-isolation/apply", { params, confirm: "demo" });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json<ApplyResult>().outcome).toBe("applied");
    expect(demo.cluster.object("GlobalNetworkPolicy", undefined, "deny-all-private-default")).toBeDefined();
  });

  it("removes a set with the delete route, by the objects it was found with", async () => {
    const targets = (await found())
      .filter((s) => s.set === "private-isolation")
      .flatMap((s) => s.objects.map((o) => ({ ref: o.ref })));
    const removed = await post("delete", { targets });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await found()).toEqual([]);
  });

  it("applies the public set as one change, recognises it, and reports drift with paths", async () => {
    const applied = await post("policy-sets/public-isolation/apply", { params: {} });
    expect(applied.statusCode, applied.body).toBe(200);
    let sets = await found();
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({ set: "public-isolation", region: "us-south", upToDate: true, newerCatalog: false });
    expect(sets[0]?.objects.map((o) => o.status)).toEqual(["up-to-date", "up-to-date", "up-to-date", "up-to-date"]);
    // The policies table marks the members with their set, and they select the workers' public interfaces.
    const listed = (await demo.app.inject({ method: "GET", url: "/api/v1/clusters/demo/policies" })).json<PolicyList>();
    const members = listed.items.filter((p) => p.policySet !== undefined);
    expect(members.map((p) => p.name).sort()).toEqual(sets[0]?.objects.map((o) => o.ref.name).sort());
    expect(members.every((p) => p.policySet?.set === "public-isolation" && p.policySet.region === "us-south")).toBe(
      true,
    );
    expect(members.find((p) => p.name === "allow-ibm-ports-public")?.matched.hostEndpoints).toBeGreaterThan(0);

    const endpoint = (await plan("public-isolation")).members.find((m) => m.member === "allow-public-service-endpoint");
    const edited = await post("apply", { yaml: endpoint?.yaml.replace("50.22.129.34/32", "50.22.129.35/32") ?? "" });
    expect(edited.statusCode, edited.body).toBe(200);
    const deleted = await post("delete", {
      targets: [{ ref: { kind: "GlobalNetworkPolicy", name: "deny-all-outbound-public" } }],
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    sets = await found();
    expect(sets[0]?.upToDate).toBe(false);
    const byName = new Map(sets[0]?.objects.map((o) => [o.ref.name, o]));
    expect(byName.get("allow-public-service-endpoint")?.status).toBe("edited");
    expect(byName.get("allow-public-service-endpoint")?.changes).toEqual([
      { path: "spec.egress[0].destination.nets[0]", expected: '"50.22.129.34/32"', live: '"50.22.129.35/32"' },
    ]);
    expect(byName.get("deny-all-outbound-public")?.status).toBe("missing");

    // Bring up to date: the same set with the recorded parameters; only the edited and the missing member change.
    const again = await plan("public-isolation", sets[0]?.params ?? {});
    expect(
      again.members.flatMap((m) => m.objects.filter((o) => o.action !== "unchanged").map((o) => o.ref.name)),
    ).toEqual(["allow-public-service-endpoint", "deny-all-outbound-public"]);
    const applied2 = await post("policy-sets/public-isolation/apply", { params: sets[0]?.params ?? {} });
    expect(applied2.statusCode, applied2.body).toBe(200);
    expect((await found())[0]?.upToDate).toBe(true);
  });

  it("makes a private host endpoint for each worker without one, and flags workers it cannot cover", async () => {
    await addNode("10.176.48.200", "10.176.48.200");
    await addNode("10.176.48.201", undefined);
    const p = await plan("private-isolation");
    expect(p.workers.filter((w) => w.status !== "exists")).toEqual([
      {
        node: "10.176.48.200",
        privateIp: "10.176.48.200",
        hostEndpoint: "10.176.48.200-worker-private",
        status: "created",
      },
      { node: "10.176.48.201", privateIp: null, hostEndpoint: null, status: "missing" },
    ]);
    const heps = p.members.find((m) => m.member === "generic-privatehostendpoint");
    expect(heps?.objects).toEqual([
      { ref: { kind: "HostEndpoint", name: "10.176.48.200-worker-private" }, action: "create" },
    ]);
    expect(p.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining("worker 10.176.48.201 has no private host endpoint"),
    ]);
  });
});
