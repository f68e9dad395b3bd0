import { describe, expect, it } from "vitest";
import type { KubeObject } from "../kube/resources";
import { type DnatCluster, serviceDnat } from "./dnat";

const NODE_A = "10.0.0.1";
const NODE_B = "10.0.0.2";

function pod(name: string, ip: string, node: string, extra: { ready?: boolean; deleting?: boolean } = {}): KubeObject {
  return {
    kind: "Pod",
    metadata: {
      name,
      namespace: "web",
      labels: { app: "web" },
      ...(extra.deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z" } : {}),
    },
    spec: { nodeName: node, containers: [{ ports: [{ name: "http", containerPort: 8443, protocol: "TCP" }] }] },
    status: {
      phase: "Running",
      podIP: ip,
      podIPs: [{ ip }, { ip: `fd00::${ip.split(".").at(-1)}` }],
      conditions: [{ type: "Ready", status: extra.ready === false ? "False" : "True" }],
    },
  };
}

function service(spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject {
  return {
    kind: "Service",
    metadata: { name: "web", namespace: "web" },
    spec: { selector: { app: "web" }, ...spec },
    ...(status === undefined ? {} : { status }),
  };
}

const PORTS = [{ port: 443, targetPort: "http", nodePort: 30443, protocol: "TCP" }];

function cluster(services: KubeObject[], pods: KubeObject[]): DnatCluster {
  return { services, pods, nodeAddresses: new Set([NODE_A, NODE_B, "fd00::a"]) };
}

describe("serviceDnat", () => {
  const pods = [pod("web-b", "172.30.2.5", NODE_B), pod("web-a", "172.30.1.5", NODE_A)];

  it("resolves a named targetPort and picks the first ready pod by name", () => {
    const d = serviceDnat(
      { protocol: 6, ip: NODE_B, port: 30443, node: NODE_B },
      cluster([service({ type: "NodePort", ports: PORTS })], pods),
    );
    expect(d).toMatchObject({
      service: "web/web",
      via: "NodePort",
      from: { ip: NODE_B, port: 30443 },
      to: { ip: "172.30.1.5", port: 8443, pod: "web/web-a" },
    });
    expect(d?.message).toContain("the first of 2 ready pods by name");
  });

  it("skips pods that are unready or being deleted, and with externalTrafficPolicy Local keeps to the node", () => {
    const some = [pod("web-a", "172.30.1.5", NODE_A, { ready: false }), pod("web-b", "172.30.2.5", NODE_B)];
    const svc = service({ type: "NodePort", ports: PORTS });
    expect(serviceDnat({ protocol: "TCP", ip: NODE_A, port: 30443, node: NODE_A }, cluster([svc], some))?.to?.pod).toBe(
      "web/web-b",
    );
    const local = service({ type: "NodePort", ports: PORTS, externalTrafficPolicy: "Local" });
    const none = serviceDnat({ protocol: "TCP", ip: NODE_A, port: 30443, node: NODE_A }, cluster([local], some));
    expect(none?.to).toBeUndefined();
    expect(none?.message).toContain("no ready pod on this node");
    expect(
      serviceDnat(
        { protocol: "TCP", ip: NODE_B, port: 30443, node: NODE_B },
        cluster([svc], [pod("web-b", "172.30.2.5", NODE_B, { deleting: true })]),
      )?.message,
    ).toContain("has no ready pod");
  });

  it("translates external and load balancer IPs on the Service port, in the packet's address family", () => {
    const lb = service({ type: "LoadBalancer", ports: PORTS }, { loadBalancer: { ingress: [{ ip: "fd00::50" }] } });
    expect(
      serviceDnat({ protocol: "tcp", ip: "FD00::50", port: 443, node: NODE_A }, cluster([lb], pods)),
    ).toMatchObject({ via: "LoadBalancer", to: { ip: "fd00::5", port: 8443 } });
    const ext = service({ ports: [{ port: 53, protocol: "UDP" }], externalIPs: ["192.0.2.53"] });
    expect(serviceDnat({ protocol: 17, ip: "192.0.2.53", port: 53, node: NODE_A }, cluster([ext], pods))).toMatchObject(
      { via: "ExternalIP", to: { ip: "172.30.1.5", port: 53 } },
    );
  });

  it("leaves alone other ports, protocols, addresses, and NodePorts of ClusterIP services", () => {
    const svc = service({ type: "NodePort", ports: PORTS });
    const c = cluster([svc, service({ ports: [{ port: 80, nodePort: 30080 }] })], pods);
    expect(serviceDnat({ protocol: "TCP", ip: NODE_A, port: 30444, node: NODE_A }, c)).toBeUndefined();
    expect(serviceDnat({ protocol: "UDP", ip: NODE_A, port: 30443, node: NODE_A }, c)).toBeUndefined();
    expect(serviceDnat({ protocol: "TCP", ip: "192.0.2.1", port: 30443, node: NODE_A }, c)).toBeUndefined();
    expect(serviceDnat({ protocol: "TCP", ip: NODE_A, port: 30080, node: NODE_A }, c)).toBeUndefined();
    expect(serviceDnat({ protocol: "ICMP", ip: NODE_A, port: 30443, node: NODE_A }, c)).toBeUndefined();
  });
});
