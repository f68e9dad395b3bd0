import { fileURLToPath } from "node:url";
import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { installCrds, loadCrdFile } from "@palisade/control-plane";
import { injectControlPlane } from "@palisade/control-plane/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dryRunApply } from "./dry-run";
import { type Manifest, parseManifests } from "./manifests";
import { routeCrdFile, run } from "./tools";

const cp = injectControlPlane();
const OVERLAY = fileURLToPath(new URL("openshift", import.meta.url));
// Its own namespace, so this file never meets deploy/kubernetes' test (which creates and deletes "palisade").
const NS = "palisade-openshift";

function api(): KubernetesObjectApi {
  const kc = new KubeConfig();
  kc.loadFromFile(cp.kubeconfigs.admin);
  return KubernetesObjectApi.makeApiClient(kc);
}

interface Container {
  name: string;
  env?: { name: string; value: string }[];
  securityContext?: Record<string, unknown>;
  ports?: { name: string; containerPort: number }[];
  readinessProbe?: Record<string, unknown>;
}
interface PodSpec {
  securityContext: Record<string, unknown>;
  containers: Container[];
  volumes: Record<string, unknown>[];
}

/** `kustomize build deploy/openshift`, moved to the test's namespace. */
function overlay(): Manifest[] {
  return parseManifests(run("kustomize", ["build", OVERLAY])).map((m) => {
    const moved = structuredClone(m);
    if (moved.kind === "Namespace") moved.metadata.name = NS;
    else if (moved.metadata.namespace !== undefined) moved.metadata.namespace = NS;
    for (const s of (moved.subjects as { namespace?: string }[] | undefined) ?? []) s.namespace = NS;
    return moved;
  });
}

const find = (objects: readonly Manifest[], kind: string) => {
  const m = objects.find((o) => o.kind === kind);
  if (m === undefined) throw new Error(`no ${kind}`);
  return m;
};

describe("deploy/openshift (Route + oauth-proxy, restricted SCC) on a real kube-apiserver with the Route CRD", () => {
  const objects = overlay();
  beforeAll(async () => {
    // Installed as published (raw JSON: client-node's typed CRD model would drop x-kubernetes-int-or-string).
    await installCrds({ server: cp.server, caPem: cp.caPem, token: cp.tokens.admin }, loadCrdFile(routeCrdFile()));
    await api().create(find(objects, "Namespace"));
  }, 600_000);
  afterAll(async () => {
    await api()
      .delete(find(objects, "Namespace"))
      .catch(() => undefined);
  });

  it("every object, the Route among them, passes the API server's validation and admission (dryRun=All)", async () => {
    const client = api();
    for (const m of objects.filter((o) => o.kind !== "Namespace"))
      expect((await dryRunApply(client, m)).name, `${m.kind} ${m.metadata.name}`).toBe(m.metadata.name);
    expect(find(objects, "Route")).toMatchObject({
      spec: {
        to: { kind: "Service", name: "palisade" },
        port: { targetPort: "https" },
        tls: { termination: "reencrypt" },
      },
    });
    // The host is OpenShift's to assign (or the user's to set), so nothing names a placeholder host.
    expect((find(objects, "Route").spec as { host?: string }).host).toBeUndefined();
    expect(JSON.stringify(objects)).not.toContain("example.com");
  });

  it("puts the oauth-proxy in front: the Service and Route reach only the proxy, Palisade listens on loopback", () => {
    const service = find(objects, "Service") as unknown as { spec: { ports: { targetPort: string }[] } };
    expect(service.spec.ports.map((p) => p.targetPort)).toEqual(["https"]);
    const pod = (find(objects, "Deployment") as unknown as { spec: { template: { spec: PodSpec } } }).spec.template
      .spec;
    const proxy = pod.containers.find((c) => c.name === "oauth-proxy");
    expect(proxy?.ports).toEqual([{ name: "https", containerPort: 8443 }]);
    const palisade = pod.containers.find((c) => c.name === "palisade");
    const env = Object.fromEntries((palisade?.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      PALISADE_HOST: "127.0.0.1",
      PALISADE_AUTH: "impersonate",
      PALISADE_TRUSTED_PROXIES: "127.0.0.1",
      PALISADE_USER_HEADER: "X-Forwarded-User",
      PALISADE_READ_ONLY: "false",
      // Whatever host the Route gets: the router forwards only that host's requests, with their Host, via the proxy.
      PALISADE_ALLOWED_HOSTS: "*",
    });
    expect((proxy as unknown as { args: string[] }).args).toContain("--upstream=http://127.0.0.1:8080");
  });

  it("runs under the restricted SCC: no fixed user, no privilege, nothing from the host", () => {
    const pod = (find(objects, "Deployment") as unknown as { spec: { template: { spec: PodSpec } } }).spec.template
      .spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(JSON.stringify(pod)).not.toMatch(/runAsUser|runAsGroup|hostPath|hostNetwork|hostPort|privileged/);
    for (const c of pod.containers)
      expect(c.securityContext, c.name).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      });
  });
});
