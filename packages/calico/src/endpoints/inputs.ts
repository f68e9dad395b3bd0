/**
 * The minimal resource shapes the endpoint model, match index and explainer read. They are structural, so the
 * TypeBox resource types in src/model (and plain objects decoded from YAML) are accepted as they are.
 */

export interface ObjectMetaLike {
  readonly name: string;
  readonly namespace?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

export interface ServiceAccountMatchLike {
  readonly names?: readonly string[] | undefined;
  readonly selector?: string | undefined;
}

/** v3 `EntityRule`: the source or destination side of a rule. */
export interface EntityRuleLike {
  readonly nets?: readonly string[] | undefined;
  readonly notNets?: readonly string[] | undefined;
  readonly selector?: string | undefined;
  readonly notSelector?: string | undefined;
  readonly namespaceSelector?: string | undefined;
  readonly ports?: readonly (number | string)[] | undefined;
  readonly notPorts?: readonly (number | string)[] | undefined;
  readonly serviceAccounts?: ServiceAccountMatchLike | undefined;
  readonly services?: { readonly name?: string | undefined; readonly namespace?: string | undefined } | undefined;
}

export interface ICMPLike {
  readonly type?: number | undefined;
  readonly code?: number | undefined;
}

/** v3 `Rule`. */
export interface RuleLike {
  readonly action: string;
  readonly protocol?: number | string | undefined;
  readonly notProtocol?: number | string | undefined;
  readonly ipVersion?: number | undefined;
  readonly icmp?: ICMPLike | undefined;
  readonly notICMP?: ICMPLike | undefined;
  readonly source?: EntityRuleLike | undefined;
  readonly destination?: EntityRuleLike | undefined;
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
  readonly ingress?: readonly RuleLike[] | undefined;
  readonly egress?: readonly RuleLike[] | undefined;
  readonly stagedAction?: string | undefined;
}

export interface PolicyLike {
  readonly kind: string;
  readonly metadata: ObjectMetaLike;
  readonly spec: PolicySpecLike;
}

export interface EndpointPortLike {
  readonly name: string;
  readonly port: number;
  readonly protocol: number | string;
}

export interface HostEndpointLike {
  readonly metadata: ObjectMetaLike;
  readonly spec: {
    readonly node?: string | undefined;
    readonly interfaceName?: string | undefined;
    readonly expectedIPs?: readonly string[] | undefined;
    readonly profiles?: readonly string[] | undefined;
    readonly ports?: readonly EndpointPortLike[] | undefined;
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
