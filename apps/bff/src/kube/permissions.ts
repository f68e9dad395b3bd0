import { createHash } from "node:crypto";
import { RESOURCE_KINDS } from "@palisade/calico";
import type { Allowed, KindPermissions, Permissions, ResourceRef, Verb } from "@palisade/contract";
import { mapBounded } from "../documents/bounded";
import type { ClusterCache } from "./cluster-cache";
import { type Identity, KubeError } from "./http";
import { groupVersion, typeOf } from "./resources";

const VERBS: readonly Verb[] = ["get", "list", "watch", "create", "update", "patch", "delete"];

/** The kinds a user edits through Palisade, in the order the UI lists them. */

interface AccessReview {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string } };
}

interface RulesReview {
  status?: {
    resourceRules?: { verbs?: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
    incomplete?: boolean;
  };
}

type Check = (group: string, resource: string, verb: Verb) => Promise<Allowed>;

/** One SelfSubjectAccessReview: may the caller do `verb` on `resource` (in `namespace`, if given)? */
async function accessReview(
  cluster: ClusterCache,
  identity: Identity,
  attributes: { group: string; resource: string; verb: Verb; namespace?: string },
): Promise<Allowed> {
  const client = cluster.client;
  if (client === undefined) throw new Error(`cluster ${cluster.name} has no usable connection`);
  const review = await client.request<AccessReview>("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", {
    identity,
    body: {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      spec: { resourceAttributes: attributes },
    },
  });
  const allowed = review.status?.allowed === true;
  const reason = review.status?.reason || review.status?.evaluationError;
  return allowed
    ? { allowed }
    : { allowed, reason: reason || `RBAC does not allow ${attributes.verb} on ${attributes.resource}` };
}

/**
 * One SelfSubjectRulesReview answers every kind and verb at once (rules for the `default` namespace plus the
 * cluster-wide ones); when the authorizer says its list is incomplete (webhooks), each question goes to a
 * SelfSubjectAccessReview instead.
 */
async function checker(cluster: ClusterCache, identity: Identity): Promise<Check> {
  const client = cluster.client;
  if (client === undefined) throw new Error(`cluster ${cluster.name} has no usable connection`);
  const rules = await client.request<RulesReview>("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", {
    identity,
    body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", spec: { namespace: "default" } },
  });
  if (rules.status?.incomplete !== true) {
    const list = rules.status?.resourceRules ?? [];
    const has = (values: readonly string[] | undefined, v: string) => (values ?? []).some((x) => x === "*" || x === v);
    return async (group, resource, verb) => {
      const ok = list.some(
        (r) =>
          has(r.verbs, verb) &&
          has(r.apiGroups, group) &&
          has(r.resources, resource) &&
          (r.resourceNames ?? []).length === 0,
      );
      return ok ? { allowed: true } : { allowed: false, reason: `RBAC does not allow ${verb} on ${resource}` };
    };
  }
  return (group, resource, verb) => accessReview(cluster, identity, { group, resource, verb });
}

/**
 * What the caller may do, asked of the cluster (the cluster's RBAC decides, Palisade only reports): per kind and
 * verb, plus summaries for the UI. The user name comes from SelfSubjectReview where the cluster serves it.
 */
export async function reviewPermissions(
  cluster: ClusterCache,
  identity: Identity,
  readOnly: boolean,
): Promise<Permissions> {
  const check = await checker(cluster, identity);
  const kinds: KindPermissions[] = await Promise.all(
    RESOURCE_KINDS.map(async (kind) => {
      const type = typeOf(kind);
      const gv = type === undefined ? "" : groupVersion(type, cluster.storage);
      const group = gv.includes("/") ? (gv.split("/")[0] ?? "") : "";
      const entries = await Promise.all(
        VERBS.map(async (verb): Promise<[string, Allowed]> => [verb, await check(group, type?.plural ?? "", verb)]),
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

const READ_CHECK_TTL_MS = 30_000;
const readChecks = new Map<string, { at: number; answer: Promise<Allowed> }>();

function identityKey(cluster: ClusterCache, identity: Identity): string {
  if (identity.mode === "impersonate") return `${cluster.name}|u:${identity.user}|${identity.groups.join(",")}`;
  if (identity.mode === "token")
    return `${cluster.name}|t:${createHash("sha256").update(identity.token).digest("hex")}`;
  return `${cluster.name}|server`;
}

/**
 * May the caller read Calico policies on this cluster (list GlobalNetworkPolicies)? Routes answer from the shared
 * cache, so in impersonation and token modes this is asked of the cluster for each user (remembered 30 s): the
 * cluster's RBAC decides who sees what Palisade shows.
 */
export function mayRead(cluster: ClusterCache, identity: Identity): Promise<Allowed> {
  const key = identityKey(cluster, identity);
  const now = Date.now();
  const cached = readChecks.get(key);
  if (cached !== undefined && now - cached.at < READ_CHECK_TTL_MS) return cached.answer;
  const type = typeOf("GlobalNetworkPolicy");
  const gv = type === undefined ? "" : groupVersion(type, cluster.storage);
  const answer = checker(cluster, identity).then((check) =>
    check(gv.split("/")[0] ?? "", type?.plural ?? "globalnetworkpolicies", "list"),
  );
  answer.catch(() => readChecks.delete(key));
  if (readChecks.size > 10_000) readChecks.clear();
  readChecks.set(key, { at: now, answer });
  return answer;
}

/**
 * Which of `refs` the caller may read (get), as the cluster's RBAC answers: one SelfSubjectAccessReview per kind and
 * namespace among them, so a role bound in one namespace counts there only. Kinds Palisade does not serve are not
 * readable. For views that answer from what Palisade keeps (the history) rather than from the shared cache.
 */
export async function readableRefs(
  cluster: ClusterCache,
  identity: Identity,
  refs: readonly ResourceRef[],
): Promise<(ref: ResourceRef) => boolean> {
  const key = (ref: ResourceRef) => `${ref.kind}/${ref.namespace ?? ""}`;
  const distinct = [...new Map(refs.map((r) => [key(r), r])).values()];
  const answers = await mapBounded(distinct, async (ref) => {
    const type = typeOf(ref.kind);
    if (type === undefined) return false;
    const gv = groupVersion(type, cluster.storage);
    const group = gv.includes("/") ? (gv.split("/")[0] ?? "") : "";
    const attributes = { group, resource: type.plural, verb: "get" as const };
    const read = await accessReview(
      cluster,
      identity,
      ref.namespace === undefined ? attributes : { ...attributes, namespace: ref.namespace },
    );
    return read.allowed;
  });
  const readable = new Set(distinct.filter((_, i) => answers[i]).map(key));
  return (ref) => readable.has(key(ref));
}

/** The user name the cluster sees (SelfSubjectReview, Kubernetes 1.28+); null when the cluster does not say. */
export async function whoAmI(cluster: ClusterCache, identity: Identity): Promise<string | null> {
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
