import type { Allowed, KindPermissions, Permissions, ResourceKind, Verb } from "@palisade/contract";
import type { Cluster } from "./cluster";
import { type Identity, KubeError } from "./http";
import { groupVersion, typeOf } from "./resources";

const VERBS: readonly Verb[] = ["get", "list", "watch", "create", "update", "patch", "delete"];

/** The kinds a user edits through Palisade, in the order the UI lists them. */
export const EDITABLE_KINDS: readonly ResourceKind[] = [
  "GlobalNetworkPolicy",
  "NetworkPolicy",
  "StagedGlobalNetworkPolicy",
  "StagedNetworkPolicy",
  "StagedKubernetesNetworkPolicy",
  "KubernetesNetworkPolicy",
  "Tier",
  "HostEndpoint",
  "GlobalNetworkSet",
  "NetworkSet",
];

interface AccessReview {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string } };
}

/**
 * What the caller may do, asked of the cluster with SelfSubjectAccessReview (cluster-wide, so namespaced kinds mean
 * "in every namespace"); the cluster's RBAC decides, Palisade only reports. The user name comes from
 * SelfSubjectReview where the cluster serves it.
 */
export async function reviewPermissions(cluster: Cluster, identity: Identity, readOnly: boolean): Promise<Permissions> {
  const client = cluster.client;
  if (client === undefined) throw new Error(`cluster ${cluster.name} has no usable connection`);
  const kinds: KindPermissions[] = await Promise.all(
    EDITABLE_KINDS.map(async (kind) => {
      const type = typeOf(kind);
      const gv = type === undefined ? "" : groupVersion(type, cluster.storage);
      const group = gv.includes("/") ? (gv.split("/")[0] ?? "") : "";
      const entries = await Promise.all(
        VERBS.map(async (verb): Promise<[string, Allowed]> => {
          const review = await client.request<AccessReview>(
            "POST",
            "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            {
              identity,
              body: {
                apiVersion: "authorization.k8s.io/v1",
                kind: "SelfSubjectAccessReview",
                spec: { resourceAttributes: { group, resource: type?.plural ?? "", verb } },
              },
            },
          );
          const allowed = review.status?.allowed === true;
          const reason = review.status?.reason || review.status?.evaluationError;
          return [
            verb,
            allowed ? { allowed } : { allowed, reason: reason || `RBAC does not allow ${verb} on ${kind}` },
          ];
        }),
      );
      return { kind, verbs: Object.fromEntries(entries) };
    }),
  );
  const policyKinds = kinds.filter((k) => k.kind === "GlobalNetworkPolicy" || k.kind === "NetworkPolicy");
  const summarise = (verbs: readonly Verb[], action: string): Allowed => {
    if (readOnly) return { allowed: false, reason: "Palisade runs with --read-only" };
    const ok = policyKinds.some((k) => verbs.every((v) => k.verbs[v]?.allowed === true));
    return ok
      ? { allowed: true }
      : { allowed: false, reason: `your cluster role does not allow ${action} Calico policies` };
  };
  return {
    cluster: cluster.name,
    user: await whoAmI(cluster, identity),
    readOnly,
    kinds,
    apply: summarise(["create", "update"], "applying"),
    delete: summarise(["delete"], "deleting"),
  };
}

/** The user name the cluster sees (SelfSubjectReview, Kubernetes 1.28+); null when the cluster does not say. */
export async function whoAmI(cluster: Cluster, identity: Identity): Promise<string | null> {
  if (identity.mode === "impersonate") return identity.user;
  try {
    const review = await cluster.client?.request<SelfSubjectReview>(
      "POST",
      "/apis/authentication.k8s.io/v1/selfsubjectreviews",
      { identity, body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" } },
    );
    return review?.status?.userInfo?.username ?? null;
  } catch (err) {
    if (err instanceof KubeError && (err.statusCode === 404 || err.statusCode === 403)) return null;
    throw err;
  }
}
