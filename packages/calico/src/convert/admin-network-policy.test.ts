import { describe, expect, it } from "vitest";
import type { AdminPolicyKind } from "../model/kinds";
import { adminPolicyAsIndexed, adminPolicyToCalico } from "./admin-network-policy";

const anp = (name: string, spec: Record<string, unknown>) => ({ metadata: { name }, spec });
const ANP: AdminPolicyKind = "AdminNetworkPolicy";

// Expected values follow libcalico-go v3.31's conversion.go (K8sAdminNetworkPolicyToCalico and its helpers) and
// v3.32's clusternetworkpolicy.go; docs/calico-semantics.md §8. oracle/admin.int.test.ts holds the same cases against
// Calico's own code.
describe("adminPolicyToCalico", () => {
  it("puts an AdminNetworkPolicy in tier adminnetworkpolicy at its priority, named with the kanp. prefix", () => {
    const r = adminPolicyToCalico(
      ANP,
      anp("block-db", {
        priority: 10,
        subject: { namespaces: { matchLabels: { env: "prod" } } },
        ingress: [{ name: "no-dev", action: "Deny", from: [{ namespaces: { matchLabels: { env: "dev" } } }] }],
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r.identity).toEqual({ kind: "GlobalNetworkPolicy", name: "kanp.adminnetworkpolicy.block-db" });
    expect(r.policy).toEqual({
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { name: "kanp.adminnetworkpolicy.block-db" },
      spec: {
        tier: "adminnetworkpolicy",
        order: 10,
        namespaceSelector: "env == 'prod'",
        selector: "projectcalico.org/orchestrator == 'k8s'",
        ingress: [
          {
            action: "Deny",
            metadata: { annotations: { name: "no-dev" } },
            source: { namespaceSelector: "env == 'dev'" },
          },
        ],
        types: ["Ingress"],
      },
    });
  });

  it("makes one rule per protocol and peer, ranges simplified, TCP when the protocol is left out", () => {
    const r = adminPolicyToCalico(
      ANP,
      anp("web", {
        priority: 5,
        subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: "web" } } } },
        ingress: [
          {
            action: "Pass",
            from: [
              { namespaces: {} },
              { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: "db" } } } },
            ],
            ports: [
              { portNumber: { port: 80, protocol: "TCP" } },
              { portRange: { start: 81, end: 90 } },
              { portNumber: { port: 53, protocol: "UDP" } },
            ],
          },
        ],
      }),
    );
    expect(r.policy?.spec.selector).toBe("projectcalico.org/orchestrator == 'k8s' && app == 'web'");
    expect(r.policy?.spec.namespaceSelector).toBe("all()");
    expect(r.policy?.spec.ingress).toEqual([
      { action: "Pass", protocol: "TCP", source: { namespaceSelector: "all()" }, destination: { ports: ["80:90"] } },
      {
        action: "Pass",
        protocol: "TCP",
        source: { selector: "projectcalico.org/orchestrator == 'k8s' && app == 'db'", namespaceSelector: "all()" },
        destination: { ports: ["80:90"] },
      },
      { action: "Pass", protocol: "UDP", source: { namespaceSelector: "all()" }, destination: { ports: [53] } },
      {
        action: "Pass",
        protocol: "UDP",
        source: { selector: "projectcalico.org/orchestrator == 'k8s' && app == 'db'", namespaceSelector: "all()" },
        destination: { ports: [53] },
      },
    ]);
  });

  it("fails closed on a Deny rule it cannot convert, drops such an Allow rule, and reads namedPort as any port", () => {
    const r = adminPolicyToCalico(
      ANP,
      anp("edge", {
        priority: 1,
        subject: { namespaces: {} },
        egress: [
          { action: "Deny", to: [{ nodes: {} }] },
          { action: "Allow", to: [{ nodes: {} }] },
          {
            action: "Allow",
            to: [{ networks: ["10.1.2.3/8"] }],
            ports: [{ portNumber: { port: 443, protocol: "TCP" } }, { namedPort: "http" }],
          },
        ],
      }),
    );
    expect(r.policy?.spec.egress).toEqual([
      { action: "Deny" },
      { action: "Allow", destination: { nets: ["10.0.0.0/8"] } },
    ]);
    expect(r.policy?.spec.types).toEqual(["Egress"]);
    expect(r.errors.map((e) => e.path)).toEqual(["spec.egress[0]", "spec.egress[1]"]);
    expect(r.errors[0]?.message).toMatch(/^rule replaced by a Deny of all traffic/);
    expect(r.errors[1]?.message).toMatch(/^rule dropped/);
  });

  it("puts the BaselineAdminNetworkPolicy in tier baselineadminnetworkpolicy at order 1000, with no types when it has no rules", () => {
    const r = adminPolicyToCalico("BaselineAdminNetworkPolicy", anp("default", { subject: { namespaces: {} } }));
    expect(r.policy?.metadata.name).toBe("kbanp.baselineadminnetworkpolicy.default");
    expect(r.policy?.spec).toEqual({
      tier: "baselineadminnetworkpolicy",
      order: 1000,
      namespaceSelector: "all()",
      selector: "projectcalico.org/orchestrator == 'k8s'",
    });
  });

  it("maps a ClusterNetworkPolicy's tier to kube-admin or kube-baseline and Accept to Allow (v3.32)", () => {
    const spec = {
      tier: "Baseline",
      priority: 7,
      subject: { pods: { podSelector: { matchLabels: { app: "api" } } } },
      ingress: [
        {
          action: "Accept",
          from: [{ pods: { podSelector: {} } }],
          protocols: [
            { tcp: { destinationPort: { range: { start: 8000, end: 8080 } } } },
            { destinationNamedPort: "metrics" },
          ],
        },
      ],
    };
    const r = adminPolicyToCalico("ClusterNetworkPolicy", anp("api", spec));
    expect(r.identity).toEqual({ kind: "KubernetesClusterNetworkPolicy", name: "api" });
    expect(r.policy?.spec.tier).toBe("kube-baseline");
    expect(r.policy?.spec.order).toBe(7);
    expect(r.policy?.spec.namespaceSelector).toBe("all()");
    const from = { selector: "projectcalico.org/orchestrator == 'k8s'", namespaceSelector: "all()" };
    expect(r.policy?.spec.ingress).toEqual([
      { action: "Allow", source: from, destination: { ports: ["metrics"] } },
      { action: "Allow", protocol: "TCP", source: from, destination: { ports: ["8000:8080"] } },
    ]);
    const admin = adminPolicyToCalico("ClusterNetworkPolicy", anp("api", { ...spec, tier: "Admin" }));
    expect(admin.policy?.spec.tier).toBe("kube-admin");
  });

  it("ignores a ClusterNetworkPolicy whose tier Calico does not know, and says so", () => {
    const r = adminPolicyToCalico(
      "ClusterNetworkPolicy",
      anp("x", { tier: "Other", priority: 1, subject: { namespaces: {} } }),
    );
    expect(r.policy).toBeUndefined();
    expect(r.errors).toEqual([{ path: "spec.tier", message: expect.stringContaining("neither Admin nor Baseline") }]);
    expect(adminPolicyAsIndexed("ClusterNetworkPolicy", anp("x", { tier: "Other" }))).toBeUndefined();
  });

  it("indexes the converted policy under Palisade's kind and the object's own name", () => {
    const p = adminPolicyAsIndexed(ANP, anp("a", { priority: 3, subject: { namespaces: {} } }));
    expect(p).toMatchObject({
      kind: "AdminNetworkPolicy",
      metadata: { name: "a" },
      spec: { tier: "adminnetworkpolicy", order: 3 },
    });
  });
});
