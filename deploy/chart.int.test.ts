import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { injectControlPlane } from "@palisade/control-plane/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dryRunApply } from "./dry-run";
import { loadManifests, MANIFEST_DIR, type Manifest, parseManifests } from "./manifests";
import { run } from "./tools";

const CHART = fileURLToPath(new URL("chart", import.meta.url));
const cp = injectControlPlane();
const scratch = mkdtempSync(join(tmpdir(), "palisade-chart-"));

function api(): KubernetesObjectApi {
  const kc = new KubeConfig();
  kc.loadFromFile(cp.kubeconfigs.admin);
  return KubernetesObjectApi.makeApiClient(kc);
}

/** `helm template` with the given values (as a values file, as users pass them), parsed. */
function render(namespace: string, values: object = {}): Manifest[] {
  const file = join(scratch, `values-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(values));
  return parseManifests(
    run("helm", ["template", "palisade", CHART, "--namespace", namespace, "--include-crds", "-f", file]),
  );
}

const byKey = (objects: readonly Manifest[]) =>
  new Map(objects.map((m) => [`${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`, m]));

const envOf = (objects: readonly Manifest[]): Record<string, string> => {
  const d = objects.find((m) => m.kind === "Deployment") as unknown as {
    spec: { template: { spec: { containers: { env: { name: string; value: string }[] }[] } } };
  };
  return Object.fromEntries((d.spec.template.spec.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
};

describe("the Helm chart (deploy/chart) with helm built from its Go module", () => {
  const NS = "palisade-chart";
  beforeAll(async () => {
    await api().create({ apiVersion: "v1", kind: "Namespace", metadata: { name: NS } });
  }, 600_000);
  afterAll(async () => {
    await api()
      .delete({ apiVersion: "v1", kind: "Namespace", metadata: { name: NS } })
      .catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  });

  it("passes helm lint", () => {
    expect(run("helm", ["lint", "--strict", CHART])).toContain("0 chart(s) failed");
  });

  it("renders with its defaults exactly the objects of deploy/kubernetes (but the namespace, which Helm leaves to --namespace)", () => {
    const built = parseManifests(run("kustomize", ["build", MANIFEST_DIR]));
    // The unit tier's loader reads the same objects kustomize builds.
    expect(byKey(loadManifests())).toEqual(byKey(built));
    const kustomize = byKey(built.filter((m) => m.kind !== "Namespace"));
    const chart = byKey(render("palisade"));
    expect([...chart.keys()].sort()).toEqual([...kustomize.keys()].sort());
    for (const [key, m] of kustomize) expect(chart.get(key), key).toEqual(m);
  });

  it.each([
    ["read-only", {}, { PALISADE_READ_ONLY: "true", PALISADE_AUTH: "server", PALISADE_AUDIT_STORE: "cluster" }],
    [
      "impersonate",
      { mode: "impersonate", trustedProxies: ["10.0.0.5", "10.0.0.6"], allowedHosts: ["palisade.example.com"] },
      {
        PALISADE_READ_ONLY: "false",
        PALISADE_AUTH: "impersonate",
        PALISADE_TRUSTED_PROXIES: "10.0.0.5,10.0.0.6",
        PALISADE_ALLOWED_HOSTS: `palisade.${NS}.svc,palisade.${NS}.svc.cluster.local,palisade.example.com`,
      },
    ],
    ["token", { mode: "token" }, { PALISADE_READ_ONLY: "false", PALISADE_AUTH: "token" }],
    [
      "file history on a volume",
      { replicaCount: 1, audit: { store: "file", persistence: { enabled: true, size: "2Gi" } } },
      { PALISADE_AUDIT_STORE: "file", PALISADE_AUDIT_LOG: "/var/lib/palisade/audit.jsonl" },
    ],
  ])("mode %s: every object passes the API server's validation and admission (dryRun=All)", async (_, values, env) => {
    const objects = render(NS, values);
    expect(envOf(objects)).toMatchObject(env);
    const client = api();
    for (const m of objects) expect((await dryRunApply(client, m)).name).toBe(m.metadata.name);
    if ("audit" in values) expect(objects.map((m) => m.kind)).toContain("PersistentVolumeClaim");
  });

  it("refuses values that cannot work, naming them", () => {
    expect(() => render(NS, { mode: "impersonate" })).toThrow(/mode impersonate needs trustedProxies/);
    expect(() => render(NS, { mode: "admin" })).toThrow(/mode must be read-only, impersonate or token \(got "admin"\)/);
    expect(() => render(NS, { audit: { store: "etcd" } })).toThrow(/audit.store must be cluster or file/);
  });
});
