/**
 * Deny NodePorts on worker interfaces: IBM Cloud's `deny-nodeports` pre-DNAT GlobalNetworkPolicy ("Controlling
 * inbound traffic to NLB or NodePort services"). Pre-DNAT policy runs before kube-proxy's DNAT and is ingress only
 * (docs/calico-semantics.md §4, §5).
 */
import type { GlobalNetworkPolicy } from "../model/resources";
import type { Port, Rule } from "../model/rule";
import { interfaceSelector, type TargetInterface } from "./interfaces";
import { type Generated, generated } from "./result";

export interface DenyNodePortsParams {
  readonly name?: string;
  readonly order?: number;
  readonly interfaces?: readonly TargetInterface[];
  /** Default: Kubernetes' NodePort range `30000:32767`. */
  readonly ports?: readonly Port[];
  readonly protocols?: readonly ("TCP" | "UDP" | "SCTP")[];
}

export const DENY_NODEPORTS_DEFAULTS = {
  name: "deny-nodeports",
  order: 1100,
  ports: ["30000:32767"] as readonly Port[],
  protocols: ["TCP", "UDP"] as const,
};

export function denyNodePorts(params: DenyNodePortsParams = {}): Generated<GlobalNetworkPolicy> {
  const ports = params.ports ?? DENY_NODEPORTS_DEFAULTS.ports;
  const ingress: Rule[] = (params.protocols ?? DENY_NODEPORTS_DEFAULTS.protocols).map((protocol) => ({
    action: "Deny",
    destination: { ports: [...ports] },
    protocol,
    source: {},
  }));
  const policy: GlobalNetworkPolicy = {
    apiVersion: "projectcalico.org/v3",
    kind: "GlobalNetworkPolicy",
    metadata: { name: params.name ?? DENY_NODEPORTS_DEFAULTS.name },
    spec: {
      applyOnForward: true,
      preDNAT: true,
      ingress,
      selector: interfaceSelector(params.interfaces),
      order: params.order ?? DENY_NODEPORTS_DEFAULTS.order,
      types: ["Ingress"],
    },
  };
  return generated(policy, [
    {
      path: "spec.ingress",
      message:
        "every NodePort on these interfaces becomes unreachable, including NodePorts your apps use; allow the " +
        "clients you need with a lower-order pre-DNAT allowlist (IBM's example uses order 500)",
    },
    {
      path: "spec",
      message: "traffic to a LoadBalancer/NLB IP is not affected: it is not addressed to a NodePort before DNAT",
    },
  ]);
}
