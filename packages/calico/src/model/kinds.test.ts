import { describe, expect, it } from "vitest";
import {
  isAdminPolicyKind,
  isNamespacedKind,
  isPolicyKind,
  isStagedKind,
  KINDS,
  kindInfo,
  POLICY_KINDS,
  RESOURCE_KINDS,
  resourceKindOf,
  TIERED_POLICY_KINDS,
} from "./kinds";
import { RESOURCE_SCHEMAS } from "./resources";

function specProperties(kind: keyof typeof RESOURCE_SCHEMAS): string[] {
  const schema = RESOURCE_SCHEMAS[kind] as { properties: { spec: { properties?: Record<string, unknown> } } };
  return Object.keys(schema.properties.spec.properties ?? {});
}

describe("the table of kinds", () => {
  it("lists the policy kinds in the order the dashboard shows them", () => {
    expect(POLICY_KINDS).toEqual([
      "GlobalNetworkPolicy",
      "NetworkPolicy",
      "KubernetesNetworkPolicy",
      "StagedGlobalNetworkPolicy",
      "StagedNetworkPolicy",
      "StagedKubernetesNetworkPolicy",
      "AdminNetworkPolicy",
      "BaselineAdminNetworkPolicy",
      "ClusterNetworkPolicy",
    ]);
    expect(RESOURCE_KINDS.filter((k) => !isPolicyKind(k))).toEqual([
      "HostEndpoint",
      "GlobalNetworkSet",
      "NetworkSet",
      "Tier",
    ]);
  });

  it("calls tiered exactly the policy kinds whose spec has a tier, except the admin kinds", () => {
    // A ClusterNetworkPolicy's `tier` is Admin or Baseline, not a Calico tier: Calico translates it (§8).
    for (const kind of POLICY_KINDS.filter((k) => !isAdminPolicyKind(k)))
      expect(TIERED_POLICY_KINDS.has(kind), kind).toBe(specProperties(kind).includes("tier"));
    for (const kind of POLICY_KINDS.filter(isAdminPolicyKind)) expect(TIERED_POLICY_KINDS.has(kind), kind).toBe(false);
  });

  it("names the admin kinds by their policy.networking.k8s.io versions", () => {
    expect(resourceKindOf("policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy")).toBe("AdminNetworkPolicy");
    expect(resourceKindOf("policy.networking.k8s.io/v1alpha1", "BaselineAdminNetworkPolicy")).toBe(
      "BaselineAdminNetworkPolicy",
    );
    expect(resourceKindOf("policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy")).toBe("ClusterNetworkPolicy");
    expect(resourceKindOf("policy.networking.k8s.io/v1alpha1", "ClusterNetworkPolicy")).toBeUndefined();
  });

  it("calls staged exactly the kinds whose spec has a stagedAction", () => {
    for (const kind of RESOURCE_KINDS)
      expect(isStagedKind(kind), kind).toBe(specProperties(kind).includes("stagedAction"));
  });

  it("answers for names from outside without trusting them", () => {
    expect(kindInfo("toString")).toBeUndefined();
    expect(isPolicyKind("Pod")).toBe(false);
    expect(isStagedKind("StagedSomething")).toBe(false);
    expect(isNamespacedKind("NetworkSet")).toBe(true);
    expect(isNamespacedKind("GlobalNetworkSet")).toBe(false);
  });

  it("tells Kubernetes' NetworkPolicy from Calico's by apiVersion", () => {
    expect(resourceKindOf("networking.k8s.io/v1", "NetworkPolicy")).toBe("KubernetesNetworkPolicy");
    expect(resourceKindOf("projectcalico.org/v3", "NetworkPolicy")).toBe("NetworkPolicy");
    expect(resourceKindOf("projectcalico.org/v3", "Pod")).toBeUndefined();
    for (const kind of RESOURCE_KINDS) expect(KINDS[kind].resourceKind).toBe(kind);
  });
});
