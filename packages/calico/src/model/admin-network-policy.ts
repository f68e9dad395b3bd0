/**
 * Kubernetes admin network policies (sigs.k8s.io/network-policy-api): AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy (`policy.networking.k8s.io/v1alpha1`, v0.1.5, which Calico 3.29 to 3.31 convert) and
 * ClusterNetworkPolicy (`v1alpha2`, v0.2.0, which replaces both in Calico 3.32). Field limits follow upstream's
 * standard-channel CRDs; how Calico evaluates them: docs/calico-semantics.md §8.
 */
import { type Static, Type } from "typebox";
import { LabelSelector } from "./kubernetes-network-policy";
import { stringEnum } from "./schema";

const port = Type.Integer({ format: "int32", minimum: 1, maximum: 65535 });
const ruleName = Type.Optional(Type.String({ maxLength: 100, description: "shown as the rule's name" }));
const oneOf = { maxProperties: 1, minProperties: 1 } as const;

/** `pods`: pods in the namespaces `namespaceSelector` selects (both required in v1alpha1). */
const NamespacedPods = Type.Object({ namespaceSelector: LabelSelector, podSelector: LabelSelector });

export const AdminPolicySubject = Type.Object(
  { namespaces: Type.Optional(LabelSelector), pods: Type.Optional(NamespacedPods) },
  { ...oneOf, description: "the pods the policy applies to: all pods of some namespaces, or some pods" },
);
export type AdminPolicySubject = Static<typeof AdminPolicySubject>;

export const AdminPolicyPort = Type.Object(
  {
    namedPort: Type.Optional(Type.String()),
    portNumber: Type.Optional(
      Type.Object({ port, protocol: Type.String({ default: "TCP", description: "TCP, UDP or SCTP" }) }),
    ),
    portRange: Type.Optional(
      Type.Object({
        end: port,
        protocol: Type.Optional(Type.String({ default: "TCP", description: "TCP, UDP or SCTP" })),
        start: port,
      }),
    ),
  },
  oneOf,
);
export type AdminPolicyPort = Static<typeof AdminPolicyPort>;

const peers = { maxItems: 100, minItems: 1 } as const;
/** An egress peer's CIDRs (both API versions). */
const networks = Type.Optional(
  Type.Array(Type.String({ maxLength: 43 }), { maxItems: 25, minItems: 1, "x-kubernetes-list-type": "set" }),
);
const rules = { maxItems: 100 } as const;

export const AdminPolicyIngressPeer = Type.Object(
  { namespaces: Type.Optional(LabelSelector), pods: Type.Optional(NamespacedPods) },
  oneOf,
);
export type AdminPolicyIngressPeer = Static<typeof AdminPolicyIngressPeer>;

export const AdminPolicyEgressPeer = Type.Object(
  {
    namespaces: Type.Optional(LabelSelector),
    networks,
    nodes: Type.Optional(LabelSelector),
    pods: Type.Optional(NamespacedPods),
  },
  oneOf,
);
export type AdminPolicyEgressPeer = Static<typeof AdminPolicyEgressPeer>;

function adminRules<const A extends readonly string[]>(actions: A) {
  const action = stringEnum(actions, { description: `${actions.join(", ")}` });
  const ports = Type.Optional(Type.Array(AdminPolicyPort, { maxItems: 100 }));
  return {
    ingress: Type.Optional(
      Type.Array(
        Type.Object({ action, from: Type.Array(AdminPolicyIngressPeer, peers), name: ruleName, ports }),
        rules,
      ),
    ),
    egress: Type.Optional(
      Type.Array(Type.Object({ action, name: ruleName, ports, to: Type.Array(AdminPolicyEgressPeer, peers) }), rules),
    ),
  };
}

export const ADMIN_ACTIONS = ["Allow", "Deny", "Pass"] as const;
export const BASELINE_ACTIONS = ["Allow", "Deny"] as const;

export const AdminNetworkPolicySpec = Type.Object({
  priority: Type.Integer({
    format: "int32",
    minimum: 0,
    maximum: 1000,
    description: "0 to 1000; lower is evaluated first (Calico uses it as the policy's order in tier kube-admin)",
  }),
  subject: AdminPolicySubject,
  ...adminRules(ADMIN_ACTIONS),
});
export type AdminNetworkPolicySpec = Static<typeof AdminNetworkPolicySpec>;

export const BaselineAdminNetworkPolicySpec = Type.Object({
  subject: AdminPolicySubject,
  ...adminRules(BASELINE_ACTIONS),
});
export type BaselineAdminNetworkPolicySpec = Static<typeof BaselineAdminNetworkPolicySpec>;

/** The only name a BaselineAdminNetworkPolicy may have (its CRD's CEL rule): there is one per cluster. */
export const BASELINE_ADMIN_POLICY_NAME = "default";

// ClusterNetworkPolicy (v1alpha2).

const cnpLimits = { maxItems: 25 } as const;
const cnpPeers = { maxItems: 25, minItems: 1 } as const;

/** In v1alpha2 `namespaceSelector` may be left out: pods in every namespace. */
const ClusterPods = Type.Object({ namespaceSelector: Type.Optional(LabelSelector), podSelector: LabelSelector });

export const ClusterPolicySubject = Type.Object(
  { namespaces: Type.Optional(LabelSelector), pods: Type.Optional(ClusterPods) },
  { ...oneOf, description: "the pods the policy applies to: all pods of some namespaces, or some pods" },
);
export type ClusterPolicySubject = Static<typeof ClusterPolicySubject>;

const DestinationPort = Type.Object(
  { number: Type.Optional(port), range: Type.Optional(Type.Object({ end: port, start: port })) },
  oneOf,
);
const protocolPorts = Type.Optional(
  Type.Object({ destinationPort: Type.Optional(DestinationPort) }, { minProperties: 1 }),
);

export const ClusterPolicyProtocol = Type.Object(
  { destinationNamedPort: Type.Optional(Type.String()), sctp: protocolPorts, tcp: protocolPorts, udp: protocolPorts },
  oneOf,
);
export type ClusterPolicyProtocol = Static<typeof ClusterPolicyProtocol>;

export const ClusterPolicyIngressPeer = Type.Object(
  { namespaces: Type.Optional(LabelSelector), pods: Type.Optional(ClusterPods) },
  oneOf,
);
export type ClusterPolicyIngressPeer = Static<typeof ClusterPolicyIngressPeer>;

export const ClusterPolicyEgressPeer = Type.Object(
  {
    namespaces: Type.Optional(LabelSelector),
    networks,
    pods: Type.Optional(ClusterPods),
  },
  oneOf,
);
export type ClusterPolicyEgressPeer = Static<typeof ClusterPolicyEgressPeer>;

export const CLUSTER_POLICY_ACTIONS = ["Accept", "Deny", "Pass"] as const;
export const CLUSTER_POLICY_TIERS = ["Admin", "Baseline"] as const;

const cnpAction = stringEnum(CLUSTER_POLICY_ACTIONS, { description: "Accept, Deny or Pass" });
const cnpProtocols = Type.Optional(Type.Array(ClusterPolicyProtocol, cnpPeers));

export const ClusterNetworkPolicySpec = Type.Object({
  egress: Type.Optional(
    Type.Array(
      Type.Object({
        action: cnpAction,
        name: ruleName,
        protocols: cnpProtocols,
        to: Type.Array(ClusterPolicyEgressPeer, cnpPeers),
      }),
      cnpLimits,
    ),
  ),
  ingress: Type.Optional(
    Type.Array(
      Type.Object({
        action: cnpAction,
        from: Type.Array(ClusterPolicyIngressPeer, cnpPeers),
        name: ruleName,
        protocols: cnpProtocols,
      }),
      cnpLimits,
    ),
  ),
  priority: Type.Integer({
    format: "int32",
    minimum: 0,
    maximum: 1000,
    description: "0 to 1000; lower is evaluated first within the tier",
  }),
  subject: ClusterPolicySubject,
  tier: stringEnum(CLUSTER_POLICY_TIERS, {
    description: "Admin (Calico tier kube-admin, before the default tier) or Baseline (kube-baseline, after it)",
  }),
});
export type ClusterNetworkPolicySpec = Static<typeof ClusterNetworkPolicySpec>;
