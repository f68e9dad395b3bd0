import { type EndpointSliceLike, type PodLike, serviceIndex, workloadEndpointFromPod } from "@palisade/calico";
import { describe, expect, it } from "vitest";
import { serviceDnat } from "../views/dnat";
import { serviceList } from "../views/services";
import { projectForCache } from "./projection";
import { CACHED_TYPES, type KubeObject, type ResourceType } from "./resources";

function typeNamed(resource: string): ResourceType {
  const type = CACHED_TYPES.find((t) => t.resource === resource);
  if (type === undefined) throw new Error(resource);
  return type;
}

const MANAGED_FIELDS = [{ manager: "kubectl", operation: "Update", fieldsV1: { "f:metadata": {} } }];

/** A pod as a real API server lists it (no kind or apiVersion on list items). */
function fullPod(name: string, ip: string, node: string, ready = true): KubeObject {
  return {
    metadata: {
      name,
      namespace: "shop",
      uid: `uid-${name}`,
      resourceVersion: "41",
      creationTimestamp: "2026-11-26T10:00:00Z",
      generateName: "web-7d4b9c-",
      labels: { app: "web", "pod-template-hash": "7d4b9c" },
      annotations: {
        "kubectl.kubernetes.io/last-applied-configuration": '{"big":"json"}',
        "cni.projectcalico.org/podIP": ip,
      },
      ownerReferences: [
        { apiVersion: "v1", kind: "ConfigMap", name: "not-the-controller", uid: "cm" },
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7d4b9c", uid: "rs", controller: true },
      ],
      managedFields: MANAGED_FIELDS,
    },
    spec: {
      nodeName: node,
      serviceAccountName: "web",
      serviceAccount: "web",
      restartPolicy: "Always",
      volumes: [{ name: "token", projected: { sources: [] } }],
      initContainers: [{ name: "init", image: "busybox", ports: [{ name: "init", containerPort: 9 }] }],
      containers: [
        {
          name: "main",
          image: "registry.example/web:1.2.3",
          env: [{ name: "MODE", value: "prod" }],
          ports: [
            { name: "http", containerPort: 8443, protocol: "TCP", hostPort: 443, hostIP: "0.0.0.0" },
            { containerPort: 9090 },
          ],
          volumeMounts: [{ name: "token", mountPath: "/var/run" }],
          readinessProbe: { httpGet: { path: "/healthz", port: 8443 } },
        },
        { name: "sidecar", image: "registry.example/proxy:2" },
      ],
    },
    status: {
      phase: "Running",
      hostIP: node,
      podIP: ip,
      podIPs: [{ ip }, { ip: `fd00::${ip.split(".").at(-1)}` }],
      qosClass: "BestEffort",
      startTime: "2026-11-26T10:00:01Z",
      conditions: [
        { type: "Initialized", status: "True" },
        { type: "Ready", status: ready ? "True" : "False", lastTransitionTime: "2026-11-26T10:00:05Z" },
        { type: "ContainersReady", status: "True" },
      ],
      containerStatuses: [{ name: "main", ready: true, restartCount: 0, image: "registry.example/web:1.2.3" }],
    },
  };
}

const project = (resource: string, obj: KubeObject) => projectForCache(typeNamed(resource), "v3", obj);

describe("projectForCache", () => {
  it("keeps of a pod exactly the fields Palisade reads, with its kind and apiVersion", () => {
    expect(project("Pod", fullPod("web-1", "172.30.1.5", "10.0.0.1"))).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "web-1",
        namespace: "shop",
        resourceVersion: "41",
        labels: fullPod("", "", "").metadata.labels,
        ownerReferences: [{ kind: "ReplicaSet", name: "web-7d4b9c", controller: true }],
      },
      spec: {
        nodeName: "10.0.0.1",
        serviceAccountName: "web",
        containers: [{ ports: [{ name: "http", containerPort: 8443, protocol: "TCP" }, { containerPort: 9090 }] }],
      },
      status: {
        phase: "Running",
        podIP: "172.30.1.5",
        podIPs: [{ ip: "172.30.1.5" }, { ip: "fd00::5" }],
        conditions: [{ type: "Ready", status: "True" }],
      },
    });
  });

  it("keeps a host-network pod's flag and a terminating pod's deletion time, and adds no fields a pod lacks", () => {
    const pending: KubeObject = {
      metadata: { name: "p", namespace: "n", deletionTimestamp: "2026-11-26T11:00:00Z" },
      spec: { hostNetwork: true, containers: [{ name: "c", image: "i" }] },
      status: { phase: "Pending" },
    };
    expect(project("Pod", pending)).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "n", deletionTimestamp: "2026-11-26T11:00:00Z" },
      spec: { hostNetwork: true },
      status: { phase: "Pending" },
    });
  });

  it("shares equal label sets and container port lists between pods, frozen", () => {
    const [a, b] = ["web-1", "web-2"].map((name) => project("Pod", fullPod(name, "172.30.1.5", "10.0.0.1")));
    expect(b?.metadata.labels).toBe(a?.metadata.labels);
    expect(b?.spec?.containers).toBe(a?.spec?.containers);
    expect(b?.metadata.ownerReferences).toBe(a?.metadata.ownerReferences);
    expect(Object.isFrozen(a?.metadata.labels)).toBe(true);
    const port = (a?.spec?.containers as { ports: object[] }[] | undefined)?.[0]?.ports[0];
    expect(port).toEqual({ name: "http", containerPort: 8443, protocol: "TCP" });
    expect(Object.isFrozen(port)).toBe(true);
    const other = fullPod("db-1", "172.30.1.6", "10.0.0.1");
    other.metadata.labels = { app: "db" };
    expect(project("Pod", other).metadata.labels).toEqual({ app: "db" });
  });

  it("gives the same workload endpoint (labels, profiles, IPs, named ports, node) as the whole pod", () => {
    const pod = fullPod("web-1", "172.30.1.5", "10.0.0.1");
    expect(workloadEndpointFromPod(project("Pod", pod) as unknown as PodLike)).toEqual(
      workloadEndpointFromPod(pod as unknown as PodLike),
    );
  });

  it("gives kube-proxy's DNAT and the Service list the same answers as the whole objects", () => {
    const pods = [
      fullPod("web-b", "172.30.2.5", "10.0.0.2"),
      fullPod("web-a", "172.30.1.5", "10.0.0.1", false),
      fullPod("web-c", "172.30.3.5", "10.0.0.1"),
    ];
    const services: KubeObject[] = [
      {
        metadata: { name: "web", namespace: "shop", labels: { app: "web" }, managedFields: MANAGED_FIELDS },
        spec: {
          type: "LoadBalancer",
          clusterIP: "172.21.0.9",
          clusterIPs: ["172.21.0.9"],
          selector: { app: "web" },
          sessionAffinity: "None",
          externalTrafficPolicy: "Local",
          externalIPs: ["192.0.2.9"],
          ports: [{ name: "https", port: 443, targetPort: "http", nodePort: 30443, protocol: "TCP" }],
        },
        status: { loadBalancer: { ingress: [{ ip: "198.51.100.7", ipMode: "VIP" }, { hostname: "lb.example" }] } },
      },
    ];
    const projected = {
      services: services.map((s) => project("Service", s)),
      pods: pods.map((p) => project("Pod", p)),
    };
    const nodeAddresses = new Set(["10.0.0.1", "10.0.0.2"]);
    for (const packet of [
      { protocol: "TCP", ip: "10.0.0.1", port: 30443, node: "10.0.0.1" },
      { protocol: "TCP", ip: "198.51.100.7", port: 443, node: "10.0.0.2" },
      { protocol: "TCP", ip: "192.0.2.9", port: 443, node: "10.0.0.1" },
    ]) {
      const whole = serviceDnat(packet, { services, pods, nodeAddresses });
      expect(whole?.to).toBeDefined();
      expect(serviceDnat(packet, { ...projected, nodeAddresses })).toEqual(whole);
    }
    expect(serviceList(projected.services)).toEqual(serviceList(services));
    expect(projected.services[0]).toEqual({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "shop" },
      spec: {
        type: "LoadBalancer",
        clusterIP: "172.21.0.9",
        externalIPs: ["192.0.2.9"],
        ports: [{ name: "https", port: 443, targetPort: "http", nodePort: 30443, protocol: "TCP" }],
        selector: { app: "web" },
        externalTrafficPolicy: "Local",
      },
      status: { loadBalancer: { ingress: [{ ip: "198.51.100.7" }] } },
    });
  });

  it("keeps a node's labels and addresses, and a namespace's or service account's labels, and nothing else", () => {
    const node: KubeObject = {
      metadata: { name: "10.0.0.1", resourceVersion: "7", labels: { "ibm-cloud.kubernetes.io/zone": "dal10" } },
      spec: { podCIDR: "172.30.0.0/24", providerID: "ibm://x" },
      status: {
        addresses: [{ type: "InternalIP", address: "10.0.0.1" }],
        conditions: [{ type: "Ready", status: "True" }],
        images: [{ names: ["registry.example/web:1.2.3"], sizeBytes: 1 }],
        nodeInfo: { kubeletVersion: "v1.34.1" },
      },
    };
    expect(project("Node", node)).toEqual({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "10.0.0.1", resourceVersion: "7", labels: { "ibm-cloud.kubernetes.io/zone": "dal10" } },
      status: { addresses: [{ type: "InternalIP", address: "10.0.0.1" }] },
    });
    // Calico's tunnel and node address annotations stay (explain's routes between nodes); other annotations go.
    const tunnel = {
      "projectcalico.org/IPv4IPIPTunnelAddr": "172.30.0.1",
      "projectcalico.org/IPv4Address": "10.176.48.106/26",
    };
    const annotated = { ...node, metadata: { ...node.metadata, annotations: { ...tunnel, "x/y": "z" } } };
    expect(project("Node", annotated).metadata.annotations).toEqual(tunnel);
    const ns: KubeObject = {
      metadata: { name: "shop", labels: { team: "a" }, annotations: { x: "y" }, managedFields: MANAGED_FIELDS },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    };
    expect(project("Namespace", ns)).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "shop", labels: { team: "a" } },
    });
    const sa: KubeObject = { metadata: { name: "web", namespace: "shop" }, secrets: [{ name: "web-token" }] };
    expect(project("ServiceAccount", sa)).toEqual({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "web", namespace: "shop" },
    });
  });

  it("keeps of an EndpointSlice what Felix's service index reads: the service-name label, addresses, ports", () => {
    const slice: KubeObject = {
      metadata: {
        name: "web-abcde",
        namespace: "shop",
        resourceVersion: "7",
        labels: { "kubernetes.io/service-name": "web" },
        ownerReferences: [{ kind: "Service", name: "web" }],
        managedFields: MANAGED_FIELDS,
      },
      addressType: "IPv4",
      endpoints: [
        { addresses: ["10.1.0.5"], conditions: { ready: true }, nodeName: "n1", targetRef: { kind: "Pod", name: "a" } },
      ],
      ports: [{ name: "http", port: 8080, protocol: "TCP", appProtocol: "http" }, { name: "all" }],
    };
    const projected = project("EndpointSlice", slice);
    expect(projected).toEqual({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "web-abcde", namespace: "shop", resourceVersion: "7", labels: slice.metadata.labels },
      endpoints: [{ addresses: ["10.1.0.5"], conditions: { ready: true } }],
      ports: [{ name: "http", port: 8080, protocol: "TCP" }, { name: "all" }],
    });
    const members = (o: KubeObject) =>
      serviceIndex([
        {
          metadata: { namespace: o.metadata.namespace, labels: o.metadata.labels },
          endpoints: o.endpoints as EndpointSliceLike["endpoints"],
          ports: o.ports as EndpointSliceLike["ports"],
        },
      ]);
    expect(members(projected)).toEqual(members(slice));
  });

  it("keeps of a Calico Node the addresses Felix's route resolver reads (l3_route_resolver.go OnResourceUpdate)", () => {
    const calicoNode: KubeObject = {
      metadata: { name: "n1", resourceVersion: "9", uid: "u", labels: { a: "b" }, managedFields: MANAGED_FIELDS },
      spec: {
        bgp: { ipv4Address: "10.0.0.1/24", ipv6Address: "", ipv4IPIPTunnelAddr: "172.30.0.1", asNumber: 64512 },
        ipv4VXLANTunnelAddr: "172.30.0.2",
        ipv6VXLANTunnelAddr: "fd00::2",
        vxlanTunnelMACAddr: "66:00:00:00:00:01",
        orchRefs: [{ nodeName: "n1", orchestrator: "k8s" }],
      },
    };
    const kept = {
      metadata: { name: "n1", resourceVersion: "9" },
      spec: {
        bgp: { ipv4Address: "10.0.0.1/24", ipv4IPIPTunnelAddr: "172.30.0.1" },
        ipv4VXLANTunnelAddr: "172.30.0.2",
        ipv6VXLANTunnelAddr: "fd00::2",
      },
    };
    expect(project("CalicoNode", calicoNode)).toEqual({ apiVersion: "projectcalico.org/v3", kind: "Node", ...kept });
    expect(projectForCache(typeNamed("CalicoNode"), "v1", calicoNode)).toEqual({
      apiVersion: "crd.projectcalico.org/v1",
      kind: "Node",
      ...kept,
    });
    expect(project("CalicoNode", { metadata: { name: "bare" } })).toMatchObject({
      metadata: { name: "bare" },
      spec: {},
    });
  });

  it("keeps the kinds shown as YAML whole (Calico kinds, Kubernetes NetworkPolicies), naming a list item's kind", () => {
    const policy: KubeObject = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "p", namespace: "shop", annotations: { note: "x" }, managedFields: MANAGED_FIELDS },
      spec: { podSelector: {} },
    };
    expect(project("KubernetesNetworkPolicy", policy)).toBe(policy);
    const { apiVersion: _, kind: __, ...listItem } = policy;
    expect(project("KubernetesNetworkPolicy", listItem)).toEqual(policy);
    for (const type of CACHED_TYPES.filter((t) => t.group === "calico" && t.resource !== "CalicoNode")) {
      const item: KubeObject = { metadata: { name: "x", managedFields: MANAGED_FIELDS }, spec: { any: 1 } };
      expect(projectForCache(type, "v3", item)).toEqual({
        ...item,
        apiVersion: "projectcalico.org/v3",
        kind: type.kind,
      });
      expect(projectForCache(type, "v1", item)).toEqual({
        ...item,
        apiVersion: "crd.projectcalico.org/v1",
        kind: type.kind,
      });
    }
  });
});
