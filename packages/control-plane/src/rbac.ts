/**
 * The role model the console is tested against: `editor` may change Calico policy and Kubernetes NetworkPolicies,
 * `viewer` may only read them, and both may read the workload objects policies select; `calico-viewer` reads Calico's
 * objects but no Kubernetes policies. Bound to plain users so the
 * server's own RBAC authorizer produces the 403s, exactly as a customer's cluster would.
 */
import { ADMIN_POLICY_GROUP, KINDS } from "@palisade/calico";
import { type KubeHttpTarget, kubeRequestOk } from "./kube-http.js";

const READ = ["get", "list", "watch"];
const WRITE = [...READ, "create", "update", "patch", "delete", "deletecollection"];
const CALICO_GROUPS = ["crd.projectcalico.org", "projectcalico.org"];
const WORKLOAD_READ = {
  apiGroups: [""],
  resources: ["nodes", "pods", "namespaces", "services", "serviceaccounts"],
  verbs: READ,
};

/** The admin policies' collections (policy.networking.k8s.io), from the table of kinds. */
const ADMIN_POLICY_PLURALS = Object.values(KINDS)
  .filter((k) => k.policy?.form === "admin")
  .map((k) => k.plural);

// The Services' endpoints (explain's `services` rules).
const SLICE_READ = { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: READ };

function clusterRole(name: string, verbs: string[], kubernetesPolicies = true): Record<string, unknown> {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name },
    rules: [
      { apiGroups: CALICO_GROUPS, resources: ["*"], verbs },
      ...(kubernetesPolicies
        ? [
            { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"], verbs },
            { apiGroups: [ADMIN_POLICY_GROUP], resources: ADMIN_POLICY_PLURALS, verbs },
          ]
        : []),
      WORKLOAD_READ,
      SLICE_READ,
    ],
  };
}

function bindingToUser(role: string, user: string): Record<string, unknown> {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: role },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
  };
}

export const EDITOR_ROLE = "palisade-editor";
export const VIEWER_ROLE = "palisade-viewer";
const CALICO_VIEWER_ROLE = "palisade-calico-viewer";

export async function installRbac(admin: KubeHttpTarget): Promise<void> {
  const roles = "/apis/rbac.authorization.k8s.io/v1/clusterroles";
  const bindings = "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings";
  await kubeRequestOk(admin, "POST", roles, clusterRole(EDITOR_ROLE, WRITE));
  await kubeRequestOk(admin, "POST", roles, clusterRole(VIEWER_ROLE, READ));
  await kubeRequestOk(admin, "POST", bindings, bindingToUser(EDITOR_ROLE, "editor"));
  await kubeRequestOk(admin, "POST", bindings, bindingToUser(VIEWER_ROLE, "viewer"));
  await kubeRequestOk(admin, "POST", roles, clusterRole(CALICO_VIEWER_ROLE, READ, false));
  await kubeRequestOk(admin, "POST", bindings, bindingToUser(CALICO_VIEWER_ROLE, "calico-viewer"));
}
