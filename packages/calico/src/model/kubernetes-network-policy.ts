/**
 * Kubernetes `networking.k8s.io/v1` NetworkPolicy and Calico's StagedKubernetesNetworkPolicy, which embeds the same
 * spec (api/pkg/apis/projectcalico/v3/stagedkubernetesnetworkpolicy.go). Conversion to Calico form:
 * docs/calico-semantics.md §2 and §3.
 */
import { type Static, Type } from "typebox";
import { StagedActionField } from "./policy";
import { intOrString, stringMap } from "./schema";

const atomic = { "x-kubernetes-list-type": "atomic" } as const;

export const LabelSelectorRequirement = Type.Object({
  key: Type.String(),
  operator: Type.String({ description: "In, NotIn, Exists or DoesNotExist" }),
  values: Type.Optional(Type.Array(Type.String(), atomic)),
});
export type LabelSelectorRequirement = Static<typeof LabelSelectorRequirement>;

export const LabelSelector = Type.Object(
  {
    matchExpressions: Type.Optional(Type.Array(LabelSelectorRequirement, atomic)),
    matchLabels: Type.Optional(stringMap()),
  },
  { "x-kubernetes-map-type": "atomic" },
);
export type LabelSelector = Static<typeof LabelSelector>;

export const IPBlock = Type.Object({
  cidr: Type.String(),
  except: Type.Optional(Type.Array(Type.String(), atomic)),
});
export type IPBlock = Static<typeof IPBlock>;

export const NetworkPolicyPeer = Type.Object({
  ipBlock: Type.Optional(IPBlock),
  namespaceSelector: Type.Optional(LabelSelector),
  podSelector: Type.Optional(LabelSelector),
});
export type NetworkPolicyPeer = Static<typeof NetworkPolicyPeer>;

export const NetworkPolicyPort = Type.Object({
  endPort: Type.Optional(Type.Integer({ format: "int32" })),
  port: Type.Optional(intOrString()),
  protocol: Type.Optional(Type.String({ description: "TCP, UDP or SCTP; TCP when omitted" })),
});
export type NetworkPolicyPort = Static<typeof NetworkPolicyPort>;

export const K8sIngressRule = Type.Object({
  from: Type.Optional(Type.Array(NetworkPolicyPeer, atomic)),
  ports: Type.Optional(Type.Array(NetworkPolicyPort, atomic)),
});
export type K8sIngressRule = Static<typeof K8sIngressRule>;

export const K8sEgressRule = Type.Object({
  ports: Type.Optional(Type.Array(NetworkPolicyPort, atomic)),
  to: Type.Optional(Type.Array(NetworkPolicyPeer, atomic)),
});
export type K8sEgressRule = Static<typeof K8sEgressRule>;

const k8sFields = {
  egress: Type.Optional(Type.Array(K8sEgressRule)),
  ingress: Type.Optional(Type.Array(K8sIngressRule)),
  podSelector: Type.Optional(LabelSelector),
  policyTypes: Type.Optional(Type.Array(Type.String(), { maxItems: 2, minItems: 1, "x-kubernetes-list-type": "set" })),
};

export const K8sNetworkPolicySpec = Type.Object(k8sFields);
export type K8sNetworkPolicySpec = Static<typeof K8sNetworkPolicySpec>;

export const StagedKubernetesNetworkPolicySpec = Type.Object({
  ...k8sFields,
  stagedAction: Type.Optional(StagedActionField),
});
export type StagedKubernetesNetworkPolicySpec = Static<typeof StagedKubernetesNetworkPolicySpec>;
