/**
 * The role model, mirroring the RBAC the real-server tier installs (packages/control-plane `rbac.ts`): `editor` may
 * change Calico objects and Kubernetes NetworkPolicies, `viewer` may only read them, both may read the workload
 * objects policies select, `calico-viewer` (reached by impersonation only) reads Calico's objects but no Kubernetes
 * policies, and `admin` is in `system:masters`. Every authenticated user also gets the built-in
 * `system:basic-user` and `system:discovery` rules.
 */
import { ADMIN_POLICY_GROUP, KINDS } from "@palisade/calico";

export type RoleName = "admin" | "editor" | "viewer";

export const ROLE_NAMES: readonly RoleName[] = ["admin", "editor", "viewer"];

/** A role bound to a user of its name: the token users' editor and viewer, and users reached only by impersonation. */
export type BoundRole = Exclude<RoleName, "admin"> | "calico-viewer";

export interface ResourceRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
}

export interface NonResourceRule {
  readonly verbs: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

export interface User {
  readonly name: string;
  readonly groups: readonly string[];
  readonly role?: RoleName | BoundRole;
}

const READ = ["get", "list", "watch"];
const WRITE = [...READ, "create", "update", "patch", "delete", "deletecollection"];
const CALICO_GROUPS = ["crd.projectcalico.org", "projectcalico.org"];
const WORKLOAD_READ: ResourceRule = {
  apiGroups: [""],
  resources: ["nodes", "pods", "namespaces", "services", "serviceaccounts"],
  verbs: READ,
};

/** The admin policies' collections (policy.networking.k8s.io), from the table of kinds. */
const ADMIN_POLICY_PLURALS = Object.values(KINDS)
  .filter((k) => k.policy?.form === "admin")
  .map((k) => k.plural);

/** The Services' endpoints (explain's `services` rules). */
const SLICE_READ: ResourceRule = { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: READ };

function policyRole(verbs: readonly string[]): ResourceRule[] {
  return [
    { apiGroups: CALICO_GROUPS, resources: ["*"], verbs },
    { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"], verbs },
    { apiGroups: [ADMIN_POLICY_GROUP], resources: ADMIN_POLICY_PLURALS, verbs },
    WORKLOAD_READ,
    SLICE_READ,
  ];
}

/** ClusterRole name and rules per role; admin's access comes from `system:masters`, not from a role. */
export const ROLE_RULES: Record<BoundRole, { role: string; rules: ResourceRule[] }> = {
  editor: { role: "palisade-editor", rules: policyRole(WRITE) },
  viewer: { role: "palisade-viewer", rules: policyRole(READ) },
  // Calico's objects only, not Kubernetes' NetworkPolicies nor the admin policies: a narrower reader for access tests.
  "calico-viewer": {
    role: "palisade-calico-viewer",
    rules: [{ apiGroups: CALICO_GROUPS, resources: ["*"], verbs: READ }, WORKLOAD_READ, SLICE_READ],
  },
};

/** The role bound to a user name, if any. */
export function boundRoleOf(name: string): RoleName | BoundRole | undefined {
  return name === "admin" || Object.hasOwn(ROLE_RULES, name) ? (name as RoleName | BoundRole) : undefined;
}

export const BASIC_USER_RULES: readonly ResourceRule[] = [
  {
    verbs: ["create"],
    apiGroups: ["authorization.k8s.io"],
    resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
  },
  { verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"] },
];

export const PUBLIC_INFO_RULES: readonly NonResourceRule[] = [
  { verbs: ["get"], nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"] },
];

export const DISCOVERY_RULES: readonly NonResourceRule[] = [
  {
    verbs: ["get"],
    nonResourceURLs: [
      "/api",
      "/api/*",
      "/apis",
      "/apis/*",
      "/healthz",
      "/livez",
      "/openapi",
      "/openapi/*",
      "/readyz",
      "/version",
      "/version/",
    ],
  },
];

export const ANONYMOUS: User = { name: "system:anonymous", groups: ["system:unauthenticated"] };

export function userOf(role: RoleName): User {
  const groups = role === "admin" ? ["system:masters", "system:authenticated"] : ["system:authenticated"];
  return { name: role, groups, role };
}
