import { request } from "node:https";
import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { injectControlPlane } from "@palisade/control-plane/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dryRunApply } from "./dry-run";
import { loadManifests, type Manifest } from "./manifests";

const cp = injectControlPlane();

function api(): KubernetesObjectApi {
  const kc = new KubeConfig();
  kc.loadFromFile(cp.kubeconfigs.admin);
  return KubernetesObjectApi.makeApiClient(kc);
}

/** A raw request as a given bearer token, optionally impersonating a user: what Palisade does in-cluster. */
function call(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  impersonate?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(path, cp.server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: cp.caPem,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          ...(impersonate === undefined ? {} : { "impersonate-user": impersonate }),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || "{}") }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const manifests = loadManifests();
const namespace = manifests.find((m) => m.kind === "Namespace") as Manifest;
const applied: Manifest[] = [];

describe("deploy/kubernetes on a real kube-apiserver", () => {
  beforeAll(async () => {
    // Namespaced objects can only be dry-run into a namespace that exists, as with `kubectl apply --dry-run=server`.
    await api().create(namespace, undefined, "All");
    await api().create(namespace);
    applied.push(namespace);
  });
  afterAll(async () => {
    for (const m of applied.reverse())
      await api()
        .delete(m)
        .catch(() => undefined);
  });

  it("every manifest passes the API server's validation and admission with dryRun=All", async () => {
    const client = api();
    for (const m of manifests.filter((o) => o !== namespace)) {
      const answer = await dryRunApply(client, m);
      expect(answer.name).toBe(m.metadata.name);
    }
  });

  it("the service account reads Calico policies, cannot write them, and writes as an impersonated editor", async () => {
    const client = api();
    const rbac = manifests.filter((m) => m.kind === "ServiceAccount" || m.kind.startsWith("ClusterRole"));
    for (const m of rbac) {
      await client.create(m);
      applied.push(m);
    }
    const tokenRequest = await call(
      "POST",
      "/api/v1/namespaces/palisade/serviceaccounts/palisade/token",
      cp.tokens.admin,
      { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { expirationSeconds: 600 } },
    );
    const saToken = (tokenRequest.json.status as { token: string }).token;
    const group = cp.crds === "v1" ? "crd.projectcalico.org/v1" : "projectcalico.org/v3";
    const path = `/apis/${group}/globalnetworkpolicies`;
    const gnp = {
      apiVersion: group,
      kind: "GlobalNetworkPolicy",
      metadata: { name: "palisade-deploy-test" },
      spec: { selector: "all()", types: ["Ingress"] },
    };

    expect((await call("GET", path, saToken)).status).toBe(200);
    const asItself = await call("POST", `${path}?dryRun=All`, saToken, gnp);
    expect(asItself.status).toBe(403);

    // The control plane's "editor" user holds palisade-policy-editor's rights only once bound to it.
    const binding: Manifest = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "palisade-deploy-test-editor" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "palisade-policy-editor" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "palisade-test-person" }],
    };
    await client.create(binding);
    applied.push(binding);
    const asPerson = await call("POST", `${path}?dryRun=All`, saToken, gnp, "palisade-test-person");
    expect(asPerson.status).toBe(201);
    const asStranger = await call("POST", `${path}?dryRun=All`, saToken, gnp, "someone-else");
    expect(asStranger.status).toBe(403);
    expect(String(asStranger.json.message)).toContain('User "someone-else" cannot create resource');

    // The history: the service account itself writes AuditRecords (no person's rights needed or usable).
    const record = {
      apiVersion: "palisade.io/v1alpha1",
      kind: "AuditRecord",
      metadata: { name: "palisade-deploy-test" },
      spec: {
        time: "2026-01-01T00:00:00.000Z",
        user: "palisade-test-person",
        action: "create",
        object: { kind: "GlobalNetworkPolicy", name: "palisade-deploy-test" },
        fromResourceVersion: null,
        toResourceVersion: "1",
        diff: "",
        outcome: "success",
        requestId: "r1",
      },
    };
    const history = "/apis/palisade.io/v1alpha1/auditrecords";
    expect((await call("POST", `${history}?dryRun=All`, saToken, record)).status).toBe(201);
    expect((await call("GET", history, saToken)).status).toBe(200);
    expect((await call("PUT", `${history}/palisade-deploy-test?dryRun=All`, saToken, record)).status).toBe(403);
    expect((await call("POST", `${history}?dryRun=All`, saToken, record, "palisade-test-person")).status).toBe(403);
  });
});
