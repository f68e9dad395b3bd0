import { stringify } from "yaml";
import { ROLE_NAMES, type RoleName } from "./auth/roles";

export type Tokens = Readonly<Record<RoleName, string>>;

/**
 * A kubeconfig as a real cluster's would be: the server, the CA that signed its certificate (TLS verification
 * stays on), one bearer-token user per role, and a context per user named `kube-sim-<role>`.
 */
export function kubeconfigYaml(server: string, caPem: string, tokens: Tokens, current: RoleName = "admin"): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name: "kube-sim", cluster: { server, "certificate-authority-data": Buffer.from(caPem).toString("base64") } },
    ],
    users: ROLE_NAMES.map((role) => ({ name: `kube-sim-${role}`, user: { token: tokens[role] } })),
    contexts: ROLE_NAMES.map((role) => ({
      name: `kube-sim-${role}`,
      context: { cluster: "kube-sim", user: `kube-sim-${role}` },
    })),
    "current-context": `kube-sim-${current}`,
  });
}
