import { isRecord, type KubeObject } from "../api/object";
import { authorizePath, authorizeResource, nonResourceRulesOf, resourceRulesOf } from "../auth/authorize";
import type { User } from "../auth/roles";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** SelfSubjectAccessReview: may the caller do this? Answered by the same authorizer that guards requests. */
function accessReview(user: User, body: KubeObject): KubeObject {
  const spec = isRecord(body.spec) ? body.spec : {};
  let decision: { allowed: boolean; reason: string };
  if (isRecord(spec.resourceAttributes)) {
    const a = spec.resourceAttributes;
    decision = authorizeResource(user, {
      verb: str(a.verb),
      group: str(a.group),
      resource: str(a.resource),
      ...(str(a.subresource) === "" ? {} : { subresource: str(a.subresource) }),
      ...(str(a.namespace) === "" ? {} : { namespace: str(a.namespace) }),
      ...(str(a.name) === "" ? {} : { name: str(a.name) }),
    });
  } else if (isRecord(spec.nonResourceAttributes)) {
    decision = { allowed: authorizePath(user, str(spec.nonResourceAttributes.path)), reason: "" };
  } else {
    decision = { allowed: false, reason: "" };
  }
  return {
    kind: "SelfSubjectAccessReview",
    apiVersion: "authorization.k8s.io/v1",
    metadata: { creationTimestamp: null } as unknown as KubeObject["metadata"],
    spec,
    status: { allowed: decision.allowed, ...(decision.reason === "" ? {} : { reason: decision.reason }) },
  };
}

/** SelfSubjectRulesReview: everything the caller may do in a namespace. */
function rulesReview(user: User, body: KubeObject): KubeObject {
  return {
    kind: "SelfSubjectRulesReview",
    apiVersion: "authorization.k8s.io/v1",
    metadata: { creationTimestamp: null } as unknown as KubeObject["metadata"],
    spec: isRecord(body.spec) ? body.spec : {},
    status: { resourceRules: resourceRulesOf(user), nonResourceRules: nonResourceRulesOf(user), incomplete: false },
  };
}

/** SelfSubjectReview (`kubectl auth whoami`). */
function selfReview(user: User): KubeObject {
  return {
    kind: "SelfSubjectReview",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { creationTimestamp: null } as unknown as KubeObject["metadata"],
    status: { userInfo: { username: user.name, groups: user.groups } },
  };
}

export function review(kind: string, user: User, body: KubeObject): KubeObject {
  if (kind === "SelfSubjectAccessReview") return accessReview(user, body);
  if (kind === "SelfSubjectRulesReview") return rulesReview(user, body);
  return selfReview(user);
}
