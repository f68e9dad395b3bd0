/**
 * Log denied packets: a `Log` policy that shares an existing policy's selector and is ordered after it, so packets
 * that policy let through to the end are logged (IBM Cloud "Logging denied traffic", `log-denied-packets` at 3000).
 * A Kubernetes NetworkPolicy is first converted to its Calico form so the selector is the one Felix uses (§3).
 */
import { k8sNetworkPolicyToCalico } from "../convert/kubernetes-network-policy";
import type { GlobalNetworkPolicy, KubernetesNetworkPolicy, NetworkPolicy } from "../model/resources";
import type { FieldError } from "../validate/issues";
import { type Generated, generated } from "./result";

export interface LogDeniedPacketsParams {
  readonly name?: string;
  /** Default: 3000 when that is after the policy, else the policy's order + 1. */
  readonly order?: number;
}

export const LOG_DENIED_PACKETS_DEFAULTS = { name: "log-denied-packets", order: 3000 } as const;

export type LoggablePolicy = GlobalNetworkPolicy | NetworkPolicy | KubernetesNetworkPolicy;

/**
 * The policy kinds (as the index names them) a Log policy can follow: enforced ones with a selector and an order.
 * Staged kinds decide nothing to follow; admin kinds order by priority in their own tiers.
 */
export const LOGGABLE_KINDS: ReadonlySet<string> = new Set([
  "GlobalNetworkPolicy",
  "NetworkPolicy",
  "KubernetesNetworkPolicy",
]);

export function isLoggableKind(kind: string): boolean {
  return LOGGABLE_KINDS.has(kind);
}

function calicoForm(policy: LoggablePolicy): GlobalNetworkPolicy | NetworkPolicy {
  return policy.apiVersion === "networking.k8s.io/v1" ? k8sNetworkPolicyToCalico(policy).policy : policy;
}

export function logDeniedPackets(
  target: LoggablePolicy,
  params: LogDeniedPacketsParams = {},
): Generated<GlobalNetworkPolicy | NetworkPolicy> {
  const source = calicoForm(target);
  const after = source.spec.order;
  const order =
    params.order ??
    (after === undefined || after < LOG_DENIED_PACKETS_DEFAULTS.order ? LOG_DENIED_PACKETS_DEFAULTS.order : after + 1);
  const name = params.name ?? LOG_DENIED_PACKETS_DEFAULTS.name;
  const spec = {
    types: ["Ingress" as const],
    ingress: [{ action: "Log" as const, destination: {}, source: {} }],
    selector: source.spec.selector ?? "all()",
    order,
    ...(source.spec.tier === undefined ? {} : { tier: source.spec.tier }),
  };
  // The validator itself warns that a Log-only policy still ends in the tier's default deny (advice.ts).
  const warnings: FieldError[] = [
    {
      path: "spec.ingress[0]",
      message:
        "Log rules write a kernel log line per packet on every node the selector matches; remove the policy when done",
    },
  ];
  if (after === undefined) {
    warnings.push({
      path: "spec.order",
      message: `${source.metadata.name ?? "the policy"} has no order, so it sorts last; give it one so the log policy can follow it`,
    });
  } else if (order <= after) {
    warnings.push({
      path: "spec.order",
      message: `order ${order} is not after the policy's order ${after}: packets are logged before that policy decides`,
    });
  }
  const namespace = source.metadata.namespace;
  const policy: GlobalNetworkPolicy | NetworkPolicy =
    source.kind === "GlobalNetworkPolicy"
      ? { apiVersion: "projectcalico.org/v3", kind: "GlobalNetworkPolicy", metadata: { name }, spec }
      : {
          apiVersion: "projectcalico.org/v3",
          kind: "NetworkPolicy",
          metadata: namespace === undefined ? { name } : { name, namespace },
          spec,
        };
  return generated(policy, warnings);
}
