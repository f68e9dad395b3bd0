import { ApiError, groupField } from "../api/status";
import {
  BASIC_USER_RULES,
  DISCOVERY_RULES,
  type NonResourceRule,
  PUBLIC_INFO_RULES,
  type ResourceRule,
  ROLE_RULES,
  type User,
} from "./roles";

export interface ResourceAttributes {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

export interface Decision {
  readonly allowed: boolean;
  /** Why, worded as RBAC words it (empty for `system:masters` and for a denial without a broken binding). */
  readonly reason: string;
}

const isMaster = (u: User) => u.groups.includes("system:masters");
const isAuthenticated = (u: User) => u.groups.includes("system:authenticated");

function ruleAllows(rule: ResourceRule, a: ResourceAttributes): boolean {
  const resource = a.subresource === undefined ? a.resource : `${a.resource}/${a.subresource}`;
  return (
    (rule.verbs.includes("*") || rule.verbs.includes(a.verb)) &&
    (rule.apiGroups.includes("*") || rule.apiGroups.includes(a.group)) &&
    (rule.resources.includes("*") || rule.resources.includes(resource))
  );
}

/** Resource rules that apply to a user, as SelfSubjectRulesReview lists them. */
export function resourceRulesOf(user: User): ResourceRule[] {
  if (isMaster(user)) return [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }];
  const own = user.role === undefined || user.role === "admin" ? [] : ROLE_RULES[user.role].rules;
  return [...own, ...(isAuthenticated(user) ? BASIC_USER_RULES : [])];
}

export function nonResourceRulesOf(user: User): NonResourceRule[] {
  if (isMaster(user)) return [{ verbs: ["*"], nonResourceURLs: ["*"] }];
  return [...(isAuthenticated(user) ? DISCOVERY_RULES : []), ...PUBLIC_INFO_RULES];
}

export function authorizeResource(user: User, a: ResourceAttributes): Decision {
  if (isMaster(user)) return { allowed: true, reason: "" };
  if (user.role !== undefined && user.role !== "admin") {
    const { role, rules } = ROLE_RULES[user.role];
    if (rules.some((r) => ruleAllows(r, a))) {
      return {
        allowed: true,
        reason: `RBAC: allowed by ClusterRoleBinding "${role}" of ClusterRole "${role}" to User "${user.name}"`,
      };
    }
  }
  if (isAuthenticated(user) && BASIC_USER_RULES.some((r) => ruleAllows(r, a))) {
    return {
      allowed: true,
      reason: `RBAC: allowed by ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"`,
    };
  }
  return { allowed: false, reason: "" };
}

export function authorizePath(user: User, path: string): boolean {
  return nonResourceRulesOf(user).some((r) =>
    r.nonResourceURLs.some((u) => u === "*" || u === path || (u.endsWith("*") && path.startsWith(u.slice(0, -1)))),
  );
}

/** The 403 the API server writes (apiserver `responsewriters.Forbidden` + apimachinery `NewForbidden`). */
export function forbidden(user: User, a: ResourceAttributes): ApiError {
  const resource = a.subresource === undefined ? a.resource : `${a.resource}/${a.subresource}`;
  const scope =
    a.namespace === undefined || a.namespace === "" ? "at the cluster scope" : `in the namespace "${a.namespace}"`;
  const why = `User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}`;
  const qualified = a.group === "" ? a.resource : `${a.resource}.${a.group}`;
  const subject = a.name === undefined || a.name === "" ? qualified : `${qualified} "${a.name}"`;
  return new ApiError(403, "Forbidden", `${subject} is forbidden: ${why}`, {
    ...(a.name === undefined || a.name === "" ? {} : { name: a.name }),
    ...groupField(a.group),
    kind: a.resource,
  });
}

export function forbiddenPath(user: User, verb: string, path: string): ApiError {
  return new ApiError(403, "Forbidden", `forbidden: User "${user.name}" cannot ${verb} path "${path}"`, {});
}
