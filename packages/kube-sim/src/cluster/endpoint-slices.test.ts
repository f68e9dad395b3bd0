import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/object";
import type { ResourceType } from "../registry/resource-type";
import { Cluster } from "./cluster";

// Kubernetes' endpoint-slice controller (pkg/controller/endpointslice; staging/src/k8s.io/endpointslice
// reconciler.go and utils.go): what kube-sim keeps for its Services and pods.
function setup() {
  const cluster = new Cluster();
  const type = (group: string, plural: string): ResourceType => {
    const t = cluster.registry.findResource(group, plural);
    if (t === undefined) throw new Error(`no ${plural}`);
    return t;
  };
  const types = {
    ns: type("", "namespaces"),
    pods: type("", "pods"),
    services: type("", "services"),
    slices: type("discovery.k8s.io", "endpointslices"),
  };
  cluster.create(types.ns, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
  const slices = () => cluster.store.list(types.slices, "shop");
  return { cluster, types, slices };
}

const webPod = (name: string, ip: string, ready = true): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "shop", labels: { app: "web" } },
  spec: {
    nodeName: "n1",
    containers: [{ name: "web", image: "web:1", ports: [{ name: "http", containerPort: 8080 }] }],
  },
  status: {
    phase: "Running",
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
  },
});

const webService: KubeObject = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "shop", labels: { tier: "front" } },
  spec: {
    selector: { app: "web" },
    ports: [
      { name: "http", port: 80, targetPort: "http" },
      { name: "metrics", port: 9100, targetPort: 9100, protocol: "UDP" },
    ],
  },
};

describe("EndpointSlices kept for Services with a selector", () => {
  it("gives a Service one labelled, owned slice with its pods' addresses, conditions and resolved ports", () => {
    const { cluster, types, slices } = setup();
    cluster.seed([webPod("web-1", "10.1.0.5"), webPod("web-2", "10.1.0.6", false), webService]);
    const [slice, ...rest] = slices();
    expect(rest).toEqual([]);
    const svc = cluster.get(types.services, "shop", "web");
    expect(slice?.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice?.metadata.labels).toEqual({
      tier: "front",
      "kubernetes.io/service-name": "web",
      "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
    });
    expect(slice?.metadata.ownerReferences).toEqual([
      {
        apiVersion: "v1",
        kind: "Service",
        name: "web",
        uid: svc.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(slice).toMatchObject({
      addressType: "IPv4",
      // A named targetPort resolves through the pod's container port.
      ports: [
        { name: "http", port: 8080, protocol: "TCP" },
        { name: "metrics", port: 9100, protocol: "UDP" },
      ],
      endpoints: [
        {
          addresses: ["10.1.0.5"],
          conditions: { ready: true, serving: true, terminating: false },
          nodeName: "n1",
          targetRef: { kind: "Pod", namespace: "shop", name: "web-1" },
        },
        { addresses: ["10.1.0.6"], conditions: { ready: false, serving: false, terminating: false } },
      ],
    });
  });

  it("follows pods and Services as they are created, changed and deleted", () => {
    const { cluster, types, slices } = setup();
    cluster.create(types.services, "shop", webService);
    // No pod selected yet: one empty slice, so clients can tell "no endpoints" from "not synced".
    expect(slices().map((s) => s.endpoints)).toEqual([[]]);
    const name = slices()[0]?.metadata.name;
    cluster.create(types.pods, "shop", webPod("web-1", "10.1.0.5"));
    expect(slices().flatMap((s) => (s.endpoints as { addresses: string[] }[]).map((e) => e.addresses[0]))).toEqual([
      "10.1.0.5",
    ]);
    expect(slices()[0]?.metadata.name).toBe(name);
    // A pod that stops matching the selector leaves.
    cluster.patch(types.pods, "shop", "web-1", "merge", { metadata: { labels: { app: "other" } } });
    expect(slices().map((s) => s.endpoints)).toEqual([[]]);
    cluster.patch(types.pods, "shop", "web-1", "merge", { metadata: { labels: { app: "web" } } });
    cluster.delete(types.pods, "shop", "web-1");
    expect(slices().map((s) => s.endpoints)).toEqual([[]]);
    cluster.delete(types.services, "shop", "web");
    expect(slices()).toEqual([]);
  });

  it("groups pods by their resolved ports, and skips pods without an address or that terminated", () => {
    const { cluster, slices } = setup();
    const noNamedPort: KubeObject = {
      ...webPod("web-3", "10.1.0.7"),
      spec: { nodeName: "n1", containers: [{ name: "web", image: "web:1" }] },
    };
    const done: KubeObject = { ...webPod("web-4", "10.1.0.8"), status: { phase: "Succeeded", podIP: "10.1.0.8" } };
    const pending: KubeObject = { ...webPod("web-5", ""), status: { phase: "Pending" } };
    cluster.seed([webPod("web-1", "10.1.0.5"), noNamedPort, done, pending, webService]);
    const got = slices().map((s) => ({
      ports: (s.ports as { port: number }[]).map((p) => p.port),
      addresses: (s.endpoints as { addresses: string[] }[]).map((e) => e.addresses[0]),
    }));
    expect(got).toEqual(
      expect.arrayContaining([
        { ports: [8080, 9100], addresses: ["10.1.0.5"] },
        // Without the named container port, that Service port is not in the pod's list.
        { ports: [9100], addresses: ["10.1.0.7"] },
      ]),
    );
    expect(got).toHaveLength(2);
  });

  it("leaves Services without a selector, and the slices someone else keeps for them, alone", () => {
    const { cluster, types, slices } = setup();
    const manual: KubeObject = {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "db", namespace: "shop", labels: { "kubernetes.io/service-name": "db" } },
      addressType: "IPv4",
      endpoints: [{ addresses: ["192.0.2.10"] }],
      ports: [{ port: 5432 }],
    };
    cluster.seed([manual]);
    cluster.create(types.services, "shop", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "db", namespace: "shop" },
      spec: { ports: [{ port: 5432 }] },
    });
    cluster.create(types.pods, "shop", webPod("web-1", "10.1.0.5"));
    expect(slices().map((s) => s.metadata.name)).toEqual(["db"]);
  });
});
