import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type APIRequestContext, expect, request } from "@playwright/test";

/** Where the classic-storage demo cluster writes its kubeconfig (its first user is the admin). */
export const CLASSIC_KUBECONFIG = fileURLToPath(new URL("artifacts/classic.kubeconfig", import.meta.url));

/** Where the native-storage (projectcalico.org/v3, Calico v3.32) demo cluster writes its kubeconfig. */
export const NATIVE_KUBECONFIG = fileURLToPath(new URL("artifacts/native.kubeconfig", import.meta.url));

/** The cluster a BFF on a kube-sim kubeconfig (classic or native) serves by default: its current context. */
export const SIM_CLUSTER = "kube-sim-admin";

/** The classic demo cluster's API as its admin, to store objects the way another client (kubectl, calicoctl) would. */
export async function classicKubeApi(): Promise<APIRequestContext> {
  const kubeconfig = readFileSync(CLASSIC_KUBECONFIG, "utf8");
  const server = /server: (\S+)/.exec(kubeconfig)?.[1];
  const token = /token: (\S+)/.exec(kubeconfig)?.[1];
  expect(server, "the kubeconfig names the server").toBeDefined();
  expect(token, "the kubeconfig holds the admin's token").toBeDefined();
  return request.newContext({
    baseURL: server,
    ignoreHTTPSErrors: true,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
}

/** Stores a GlobalNetworkPolicy CR under exactly this name on classic crd.projectcalico.org/v1 storage. */
export async function storeClassicGnp(api: APIRequestContext, name: string, order: number): Promise<void> {
  const res = await api.post("/apis/crd.projectcalico.org/v1/globalnetworkpolicies", {
    data: {
      apiVersion: "crd.projectcalico.org/v1",
      kind: "GlobalNetworkPolicy",
      metadata: { name },
      spec: { order, selector: "ibm.role == 'worker_private'", types: ["Ingress"] },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
}
