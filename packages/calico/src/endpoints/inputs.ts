/**
 * The minimal resource shapes the endpoint model, match index and explainer read. They are structural, so the
 * TypeBox resource types in src/model (and plain objects decoded from YAML) are accepted as they are; rules and
 * endpoint ports are the model's own types.
 */
import type { EndpointPort } from "../model/host-endpoint";
import type { Rule } from "../model/rule";

export interface ObjectMetaLike {
  /** Optional as in the model's ObjectMeta; a missing name reads as "". */
  readonly name?: string | undefined;
  readonly namespace?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

/** The spec fields of every policy kind (GNP, NP, the Staged kinds; Kubernetes policies in their Calico form). */
export interface PolicySpecLike {
  readonly tier?: string | undefined;
  readonly order?: number | undefined;
  readonly selector?: string | undefined;
  readonly namespaceSelector?: string | undefined;
  readonly serviceAccountSelector?: string | undefined;
  readonly types?: readonly string[] | undefined;
  readonly preDNAT?: boolean | undefined;
  readonly doNotTrack?: boolean | undefined;
  readonly applyOnForward?: boolean | undefined;
  readonly ingress?: readonly Rule[] | undefined;
  readonly egress?: readonly Rule[] | undefined;
  readonly stagedAction?: string | undefined;
}

export interface PolicyLike {
  readonly kind: string;
  readonly metadata: ObjectMetaLike;
  readonly spec: PolicySpecLike;
}

export interface HostEndpointLike {
  readonly metadata: ObjectMetaLike;
  readonly spec: {
    readonly node?: string | undefined;
    readonly interfaceName?: string | undefined;
    readonly expectedIPs?: readonly string[] | undefined;
    readonly profiles?: readonly string[] | undefined;
    readonly ports?: readonly EndpointPort[] | undefined;
  };
}

/** The parts of a Kubernetes Pod that Calico turns into a workload endpoint. */
export interface PodLike {
  readonly metadata: ObjectMetaLike & { readonly namespace: string };
  readonly spec?:
    | {
        readonly nodeName?: string | undefined;
        readonly serviceAccountName?: string | undefined;
        readonly containers?:
          | readonly {
              readonly ports?:
                | readonly {
                    readonly name?: string | undefined;
                    readonly containerPort: number;
                    readonly protocol?: string | undefined;
                  }[]
                | undefined;
            }[]
          | undefined;
      }
    | undefined;
  readonly status?:
    | { readonly podIPs?: readonly { readonly ip: string }[] | undefined; readonly podIP?: string }
    | undefined;
}

/** Kubernetes Namespace or ServiceAccount: only the name and labels matter here. */
export interface LabelledLike {
  readonly metadata: ObjectMetaLike;
}

export interface NetworkSetLike {
  readonly kind: string;
  readonly metadata: ObjectMetaLike;
  readonly spec: { readonly nets?: readonly string[] | undefined };
}

/** Calico Profile (for host endpoints' `spec.profiles`): name and the labels it gives its endpoints. */
export interface ProfileLike {
  readonly metadata: ObjectMetaLike;
  readonly spec?: { readonly labelsToApply?: Readonly<Record<string, string>> | undefined } | undefined;
}

/** An object's name, "" when it has none (the validator reports the missing name). */
export function nameOf(meta: ObjectMetaLike): string {
  return meta.name ?? "";
}
