import { describe, expect, it } from "vitest";
import type { KubeObject } from "../kube/resources";
import { ClusterModel } from "./cluster-model";

function pod(name: string, labels: Record<string, string>, sa = "web"): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "shop", labels },
    spec: {
      nodeName: "10.0.0.1",
      serviceAccountName: sa,
      containers: [{ ports: [{ name: "http", containerPort: 80 }] }],
    },
    status: { phase: "Running", podIP: `172.30.0.${name.length}` },
  };
}

const policy: KubeObject = {
  apiVersion: "projectcalico.org/v3",
  kind: "NetworkPolicy",
  metadata: { name: "web", namespace: "shop" },
  spec: { selector: "app == 'web'", types: ["Ingress"] },
};

describe("ClusterModel", () => {
  it("shares equal labels, profiles and named ports between pods' endpoints, and matches as before", () => {
    const model = new ClusterModel();
    model.apply("Namespace", "added", { metadata: { name: "shop", labels: { team: "a" } } });
    model.apply("NetworkPolicy", "added", policy);
    model.apply("Pod", "added", pod("web-1", { app: "web" }));
    model.apply("Pod", "added", pod("web-2", { app: "web" }));
    model.apply("Pod", "added", pod("db-1", { app: "db" }, "db"));
    const [a, b, c] = ["web-1", "web-2", "db-1"].map((n) => model.index.endpoint(`wep/shop/${n}`));
    expect(b?.ownLabels).toBe(a?.ownLabels);
    expect(b?.profiles).toBe(a?.profiles);
    expect(b?.namedPorts).toBe(a?.namedPorts);
    expect(c?.ownLabels).not.toBe(a?.ownLabels);
    expect(c?.profiles).toEqual(["kns.shop", "ksa.shop.db"]);
    expect(c?.namedPorts).toBe(a?.namedPorts);
    expect([...model.index.endpointsForPolicy("NetworkPolicy/shop/web")].sort()).toEqual([
      "wep/shop/web-1",
      "wep/shop/web-2",
    ]);
    expect(model.index.effectiveLabels("wep/shop/web-2")?.get("pcns.team")).toBe("a");
  });

  it("keeps each endpoint's own labels when a pod sharing them changes or goes", () => {
    const model = new ClusterModel();
    model.apply("NetworkPolicy", "added", policy);
    model.apply("Pod", "added", pod("web-1", { app: "web" }));
    model.apply("Pod", "added", pod("web-2", { app: "web" }));
    model.apply("Pod", "modified", pod("web-1", { app: "api" }));
    expect(Object.fromEntries(model.index.endpoint("wep/shop/web-1")?.ownLabels ?? [])).toMatchObject({ app: "api" });
    expect(Object.fromEntries(model.index.endpoint("wep/shop/web-2")?.ownLabels ?? [])).toMatchObject({ app: "web" });
    model.apply("Pod", "deleted", pod("web-2", { app: "web" }));
    model.apply("Pod", "modified", pod("web-1", { app: "web" }));
    expect([...model.index.endpointsForPolicy("NetworkPolicy/shop/web")]).toEqual(["wep/shop/web-1"]);
    model.apply("Pod", "added", pod("web-3", { app: "web" }));
    expect(model.index.endpoint("wep/shop/web-3")?.ownLabels).toBe(model.index.endpoint("wep/shop/web-1")?.ownLabels);
  });

  it("indexes only the admin policy kinds the Calico release may enforce, and re-indexes when the release is known", () => {
    const model = new ClusterModel();
    const anp: KubeObject = {
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "AdminNetworkPolicy",
      metadata: { name: "guard" },
      spec: { priority: 3, subject: { namespaces: {} }, ingress: [{ action: "Deny", from: [{ namespaces: {} }] }] },
    };
    const tiers = () => model.index.tierList().map((t) => t.name);
    model.apply("AdminNetworkPolicy", "added", anp);
    // Nothing known: indexed (the views say it is not known to be enforced), in the tier Calico would create.
    expect(model.adminEnforcement("AdminNetworkPolicy")).toBe("unknown");
    expect(model.index.policy("AdminNetworkPolicy//guard")).toBeDefined();
    expect(tiers()).toEqual(["adminnetworkpolicy"]);
    const v = (minor: number) => ({ major: 3, minor, patch: 0, text: `v3.${minor}.0` });
    expect(model.setRelease({ oldest: v(32), newest: v(32) })).toBe(true);
    expect(model.index.policy("AdminNetworkPolicy//guard")).toBeUndefined();
    expect(tiers()).toEqual([]);
    expect(model.setRelease({ oldest: v(32) })).toBe(false);
    // Applied while not enforced, it is still known, and indexed once the release enforces it.
    model.apply("AdminNetworkPolicy", "modified", { ...anp, spec: { ...anp.spec, priority: 4 } });
    expect(model.index.policy("AdminNetworkPolicy//guard")).toBeUndefined();
    expect(model.setRelease({ oldest: v(31), newest: v(31) })).toBe(true);
    expect(model.index.policy("AdminNetworkPolicy//guard")?.order).toBe(4);
    // A Tier object of that name is the cluster's own: it stays when the kind is no longer enforced.
    model.apply("Tier", "added", {
      metadata: { name: "adminnetworkpolicy" },
      spec: { order: 1000, defaultAction: "Pass" },
    });
    model.setRelease({ oldest: v(32) });
    expect(tiers()).toEqual(["adminnetworkpolicy"]);
  });

  it("keeps the Services' members from EndpointSlices as the watch delivers them, not rebuilt per explain (issue 17)", () => {
    const model = new ClusterModel();
    const slice = (name: string, ip: string, port: number): KubeObject => ({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name, namespace: "shop", labels: { "kubernetes.io/service-name": "web" } },
      endpoints: [{ addresses: [ip] }],
      ports: [{ port, protocol: "TCP" }],
    });
    const members = () => model.services.index.get("shop/web")?.addresses.map((a) => a.bytes.join("."));
    const index = model.services.index;
    model.apply("EndpointSlice", "added", slice("web-a", "172.30.0.5", 80));
    model.apply("EndpointSlice", "added", slice("web-b", "172.30.0.6", 80));
    expect(members()).toEqual(["172.30.0.5", "172.30.0.6"]);
    model.apply("EndpointSlice", "modified", slice("web-a", "172.30.0.7", 80));
    expect(members()).toEqual(["172.30.0.7", "172.30.0.6"]);
    model.apply("EndpointSlice", "deleted", slice("web-b", "172.30.0.6", 80));
    expect(members()).toEqual(["172.30.0.7"]);
    model.apply("EndpointSlice", "deleted", slice("web-a", "172.30.0.7", 80));
    expect(model.services.index.has("shop/web")).toBe(false);
    expect(model.services.index).toBe(index);
  });
});
