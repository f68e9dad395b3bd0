/**
 * A StagedKubernetesNetworkPolicy as the StagedNetworkPolicy it stands for: its embedded Kubernetes spec converted as
 * `K8sNetworkPolicyToCalico` converts an enforced one (docs/calico-semantics.md §2, §3), with the staged action kept.
 * Staged policies never enforce; they show what the Kubernetes policy would do.
 */
import type { StagedKubernetesNetworkPolicy, StagedNetworkPolicy } from "../model/resources";
import type { FieldError } from "../validate/issues";
import { type K8sConversionOptions, k8sNetworkPolicyToCalico } from "./kubernetes-network-policy";

export interface StagedK8sConversion {
  readonly policy: StagedNetworkPolicy;
  readonly key: { readonly kind: "StagedKubernetesNetworkPolicy"; readonly name: string; readonly namespace?: string };
  readonly errors: readonly FieldError[];
}

export function stagedK8sNetworkPolicyToCalico(
  staged: StagedKubernetesNetworkPolicy,
  options: K8sConversionOptions = {},
): StagedK8sConversion {
  const { stagedAction, ...k8sSpec } = staged.spec;
  const enforced = k8sNetworkPolicyToCalico(
    { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: staged.metadata, spec: k8sSpec },
    options,
  );
  const spec: StagedNetworkPolicy["spec"] =
    stagedAction === undefined ? enforced.policy.spec : { ...enforced.policy.spec, stagedAction };
  return {
    policy: {
      apiVersion: "projectcalico.org/v3",
      kind: "StagedNetworkPolicy",
      metadata: enforced.policy.metadata,
      spec,
    },
    key: { ...enforced.key, kind: "StagedKubernetesNetworkPolicy" },
    errors: enforced.errors,
  };
}
