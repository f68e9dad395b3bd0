/**
 * Pre-DNAT allowlist: only the listed client CIDRs may reach the listed load balancer (NLB) IPs and ports, as in
 * IBM Cloud's `allowlist` example (tutorial "Using Calico network policies to block traffic", lesson 3).
 */
import type { GlobalNetworkPolicy } from "../model/resources";
import type { Port } from "../model/rule";
import { parseCidr, parseIp } from "../validate/net";
import { interfaceSelector, type TargetInterface } from "./interfaces";
import { type Generated, generated } from "./result";

export interface PreDnatAllowlistParams {
  readonly name?: string;
  readonly order?: number;
  /** Client addresses or CIDRs; a bare address means just that host (`/32` or `/128`). */
  readonly sourceCidrs: readonly string[];
  /** Load balancer / NLB IPs (or CIDRs) the clients may reach. */
  readonly destinationIps: readonly string[];
  readonly ports: readonly Port[];
  readonly protocol?: "TCP" | "UDP" | "SCTP";
  readonly interfaces?: readonly TargetInterface[];
}

export const PREDNAT_ALLOWLIST_DEFAULTS = { name: "allowlist", order: 500, protocol: "TCP" } as const;

/** A bare address as a host CIDR; anything else is passed through for the validator to judge. */
export function hostCidr(address: string): string {
  if (parseCidr(address) !== undefined) return address;
  const ip = parseIp(address);
  if (ip === undefined) return address;
  return `${address}/${ip.bytes.length === 4 ? 32 : 128}`;
}

export function preDnatAllowlist(params: PreDnatAllowlistParams): Generated<GlobalNetworkPolicy> {
  const policy: GlobalNetworkPolicy = {
    apiVersion: "projectcalico.org/v3",
    kind: "GlobalNetworkPolicy",
    metadata: { name: params.name ?? PREDNAT_ALLOWLIST_DEFAULTS.name },
    spec: {
      applyOnForward: true,
      preDNAT: true,
      ingress: [
        {
          action: "Allow",
          destination: { nets: params.destinationIps.map(hostCidr), ports: [...params.ports] },
          protocol: params.protocol ?? PREDNAT_ALLOWLIST_DEFAULTS.protocol,
          source: { nets: params.sourceCidrs.map(hostCidr) },
        },
      ],
      selector: interfaceSelector(params.interfaces),
      order: params.order ?? PREDNAT_ALLOWLIST_DEFAULTS.order,
      types: ["Ingress"],
    },
  };
  return generated(policy, [
    {
      path: "spec.ingress[0]",
      message:
        "an allowlist only allows: other clients are still admitted by the default policies unless a higher-order " +
        "pre-DNAT policy denies the same destination (IBM's example pairs it with deny-lb-port-80 at order 800)",
    },
    {
      path: "spec.ingress[0].destination",
      message:
        "pre-DNAT policy sees the original destination: list the load balancer IP (and NodePorts, if clients use them)",
    },
  ]);
}
