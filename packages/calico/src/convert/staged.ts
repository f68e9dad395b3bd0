/**
 * Promoting a staged policy to the kind it stands for, as Calico defines it (api/pkg/apis/projectcalico/v3:
 * `ConvertStagedPolicyToEnforced`, `ConvertStagedGlobalPolicyToEnforced`, `ConvertStagedKubernetesPolicyToK8SEnforced`):
 * the object metadata and every spec field are copied to the enforced kind, `stagedAction` is dropped and decides
 * what promoting does. `Set` (the default) writes the enforced policy; `Delete` deletes the enforced policy of the
 * same name (Felix treats such a staged policy as "this policy gone", libcalico-go's staged update processors).
 * `Learn` and `Ignore` have no enforced meaning in Calico's open-source API, so they are not promoted.
 *
 * `stagedForm` is the reverse, for saving an enforced policy as staged instead.
 */
import { CALICO_API_VERSION } from "../model/kinds";
import type { StagedAction } from "../model/policy";
import { err, ok, type Result } from "../result";

/** Each staged kind and the enforced kind it stands for. */
export const ENFORCED_KIND_OF_STAGED = {
  StagedGlobalNetworkPolicy: "GlobalNetworkPolicy",
  StagedNetworkPolicy: "NetworkPolicy",
  StagedKubernetesNetworkPolicy: "KubernetesNetworkPolicy",
} as const;
export type StagedKind = keyof typeof ENFORCED_KIND_OF_STAGED;
export type StageableKind = (typeof ENFORCED_KIND_OF_STAGED)[StagedKind];

const STAGED_KIND_OF_ENFORCED: Record<StageableKind, StagedKind> = {
  GlobalNetworkPolicy: "StagedGlobalNetworkPolicy",
  NetworkPolicy: "StagedNetworkPolicy",
  KubernetesNetworkPolicy: "StagedKubernetesNetworkPolicy",
};

/** A policy object as written: only what promotion reads and writes. */
export interface PolicyObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly spec?: Readonly<Record<string, unknown>>;
}

export interface EnforcedRef {
  readonly kind: StageableKind;
  readonly name: string;
  readonly namespace?: string;
}

export type Promotion =
  | { readonly action: "Set"; readonly enforced: PolicyObject; readonly ref: EnforcedRef }
  | { readonly action: "Delete"; readonly ref: EnforcedRef };

export function isStagedKindName(kind: string): kind is StagedKind {
  return Object.hasOwn(ENFORCED_KIND_OF_STAGED, kind);
}

/** What promoting `staged` does; an error (naming the field) for a kind or action with no enforced meaning. */
export function promotion(
  staged: PolicyObject,
  kind = staged.kind ?? "",
): Result<Promotion, { path: string; message: string }> {
  if (!isStagedKindName(kind)) {
    return err({
      path: "kind",
      message: `${kind} is not a staged policy kind (${Object.keys(ENFORCED_KIND_OF_STAGED).join(", ")})`,
    });
  }
  const { stagedAction = "Set", ...spec } = (staged.spec ?? {}) as { stagedAction?: StagedAction } & Record<
    string,
    unknown
  >;
  const enforcedKind = ENFORCED_KIND_OF_STAGED[kind];
  const { name, namespace } = staged.metadata;
  const ref: EnforcedRef = { kind: enforcedKind, name, ...(namespace === undefined ? {} : { namespace }) };
  if (stagedAction === "Delete") return ok({ action: "Delete", ref });
  if (stagedAction !== "Set") {
    return err({
      path: "spec.stagedAction",
      message: `stagedAction ${stagedAction} has no enforced form in Calico's API; only Set (write the policy) and Delete (delete it) promote`,
    });
  }
  const metadata = userMetadata(staged.metadata);
  const enforced: PolicyObject =
    enforcedKind === "KubernetesNetworkPolicy"
      ? { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata, spec }
      : { apiVersion: CALICO_API_VERSION, kind: enforcedKind, metadata, spec };
  return ok({ action: "Set", enforced, ref });
}

/** An enforced policy as the staged policy of the same name (`stagedAction: Set`): what "save as staged" writes. */
export function stagedForm(enforced: PolicyObject, kind: StageableKind): PolicyObject {
  return {
    apiVersion: CALICO_API_VERSION,
    kind: STAGED_KIND_OF_ENFORCED[kind],
    metadata: userMetadata(enforced.metadata),
    spec: { ...(enforced.spec ?? {}), stagedAction: "Set" },
  };
}

/** The metadata a user writes (name, namespace, labels, annotations): the server's own fields are its to set. */
function userMetadata(m: PolicyObject["metadata"]): PolicyObject["metadata"] {
  return {
    name: m.name,
    ...(m.namespace === undefined ? {} : { namespace: m.namespace }),
    ...(m.labels === undefined ? {} : { labels: m.labels }),
    ...(m.annotations === undefined ? {} : { annotations: m.annotations }),
  };
}
