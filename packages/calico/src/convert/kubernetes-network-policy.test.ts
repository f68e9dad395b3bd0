import { describeWithShared } from "@palisade/reference/vitest";
import { describe, expect, it } from "vitest";
import type { KubernetesNetworkPolicy } from "../model/resources";
import { k8sNetworkPolicyToCalico } from "./kubernetes-network-policy";
import { stagedK8sNetworkPolicyToCalico } from "./staged-kubernetes-network-policy";

const K8S = "projectcalico.org/orchestrator == 'k8s'";
const knp = (spec: KubernetesNetworkPolicy["spec"], name = "web"): KubernetesNetworkPolicy => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name, namespace: "shop" },
  spec,
});

describeWithShared("k8sNetworkPolicyToCalico on the upstream documentation example", (shared) => {
  it("converts the Kubernetes documentation example rule by rule", () => {
    const [doc] = shared.readYaml(
      "fixtures/calico-examples/kubernetes-website/content/en/examples/service/networking/networkpolicy.yaml",
    );
    const { policy, key, errors } = k8sNetworkPolicyToCalico(doc as KubernetesNetworkPolicy);
    expect(errors).toEqual([]);
    expect(key).toEqual({ kind: "KubernetesNetworkPolicy", name: "test-network-policy", namespace: "default" });
    expect(policy).toEqual({
      apiVersion: "projectcalico.org/v3",
      kind: "NetworkPolicy",
      metadata: { name: "test-network-policy", namespace: "default" },
      spec: {
        order: 1000,
        selector: `${K8S} && role == 'db'`,
        types: ["Ingress", "Egress"],
        ingress: [
          {
            action: "Allow",
            protocol: "TCP",
            source: { nets: ["172.17.0.0/16"], notNets: ["172.17.1.0/24"] },
            destination: { ports: [6379] },
          },
          {
            action: "Allow",
            protocol: "TCP",
            source: { selector: K8S, namespaceSelector: "project == 'myproject'" },
            destination: { ports: [6379] },
          },
          {
            action: "Allow",
            protocol: "TCP",
            source: { selector: `${K8S} && role == 'frontend'` },
            destination: { ports: [6379] },
          },
        ],
        egress: [{ action: "Allow", protocol: "TCP", destination: { nets: ["10.0.0.0/24"], ports: [5978] } }],
      },
    });
  });
});

describe("k8sNetworkPolicyToCalico", () => {
  it("defaults policyTypes to Ingress and selects every pod for an empty podSelector", () => {
    const { policy } = k8sNetworkPolicyToCalico(knp({ podSelector: {} }));
    expect(policy.spec).toEqual({ order: 1000, selector: K8S, types: ["Ingress"] });
  });

  it("groups ports by protocol (TCP when unset), merges ranges and keeps all-ports", () => {
    const { policy } = k8sNetworkPolicyToCalico(
      knp({
        podSelector: {},
        ingress: [
          {
            ports: [
              { port: 80 },
              { port: 81 },
              { protocol: "UDP", port: 53 },
              { port: "http" },
              { port: 82 },
              { protocol: "SCTP" },
              { protocol: "SCTP", port: 9 },
              { port: 8000, endPort: 8080 },
            ],
          },
        ],
      }),
    );
    expect(policy.spec.ingress).toEqual([
      { action: "Allow", protocol: "SCTP" },
      { action: "Allow", protocol: "TCP", destination: { ports: ["http", "80:82", "8000:8080"] } },
      { action: "Allow", protocol: "UDP", destination: { ports: [53] } },
    ]);
  });

  it("translates matchExpressions and an empty namespaceSelector", () => {
    const { policy } = k8sNetworkPolicyToCalico(
      knp({
        podSelector: {
          matchLabels: { tier: "web", app: "shop" },
          matchExpressions: [
            { key: "env", operator: "In", values: ["prod", "stage"] },
            { key: "canary", operator: "DoesNotExist" },
          ],
        },
        egress: [
          {
            to: [
              { namespaceSelector: {} },
              {
                namespaceSelector: {
                  matchExpressions: [
                    { key: "team", operator: "Exists" },
                    { key: "x", operator: "NotIn", values: ["y"] },
                  ],
                },
                podSelector: { matchLabels: { a: "b" } },
              },
            ],
          },
        ],
        policyTypes: ["Egress"],
      }),
    );
    expect(policy.spec.selector).toBe(
      `${K8S} && app == 'shop' && tier == 'web' && env in { 'prod', 'stage' } && ! has(canary)`,
    );
    expect(policy.spec.types).toEqual(["Egress"]);
    expect(policy.spec.egress).toEqual([
      { action: "Allow", destination: { selector: K8S, namespaceSelector: "all()" } },
      {
        action: "Allow",
        destination: { selector: `${K8S} && a == 'b'`, namespaceSelector: "has(team) && x not in { 'y' }" },
      },
    ]);
  });

  it("masks ipBlock CIDRs like Go's IPNet.String and can use the legacy knp.default. name", () => {
    const { policy } = k8sNetworkPolicyToCalico(
      knp({ ingress: [{ from: [{ ipBlock: { cidr: "10.1.2.3/8", except: ["2001:db8::1/32"] } }] }] }),
      { legacyName: true },
    );
    expect(policy.metadata.name).toBe("knp.default.web");
    expect(policy.spec.ingress).toEqual([
      { action: "Allow", source: { nets: ["10.0.0.0/8"], notNets: ["2001:db8::/32"] } },
    ]);
  });

  it("drops a rule whose port cannot be converted and says which", () => {
    const { policy, errors } = k8sNetworkPolicyToCalico(
      knp({ ingress: [{ ports: [{ port: "http", endPort: 90 }] }, {}] }),
    );
    expect(errors).toEqual([{ path: "spec.ingress[0]", message: expect.stringContaining('invalid port "http:90"') }]);
    expect(policy.spec.ingress).toEqual([{ action: "Allow" }]);
  });
});

describe("stagedK8sNetworkPolicyToCalico", () => {
  it("converts the embedded spec and keeps the staged action", () => {
    const staged = {
      apiVersion: "projectcalico.org/v3" as const,
      kind: "StagedKubernetesNetworkPolicy" as const,
      metadata: { name: "web", namespace: "shop" },
      spec: {
        stagedAction: "Set" as const,
        podSelector: { matchLabels: { app: "web" } },
        policyTypes: ["Ingress"],
        ingress: [{ ports: [{ port: 80 }] }],
      },
    };
    const { policy, key, errors } = stagedK8sNetworkPolicyToCalico(staged);
    expect(errors).toEqual([]);
    expect(key).toEqual({ kind: "StagedKubernetesNetworkPolicy", name: "web", namespace: "shop" });
    expect(policy).toEqual({
      apiVersion: "projectcalico.org/v3",
      kind: "StagedNetworkPolicy",
      metadata: { name: "web", namespace: "shop" },
      spec: {
        order: 1000,
        selector: `${K8S} && app == 'web'`,
        types: ["Ingress"],
        stagedAction: "Set",
        ingress: [{ action: "Allow", protocol: "TCP", destination: { ports: [80] } }],
      },
    });
  });
});
