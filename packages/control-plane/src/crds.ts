/**
 * Installs the Calico CRD manifests (upstream's from ../shared, else the model's) and waits until the API server
 * serves every version of them: Established alone is not enough, since the CRD handler can answer 404 for a moment
 * after the condition flips.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { adminPolicyCrds, calicoV1Crds, calicoV3Crds } from "@palisade/calico";
import { auditRecordCrd } from "@palisade/contract";
import { locateShared, type SharedLookup } from "@palisade/reference";
import { parseAllDocuments } from "yaml";
import { type KubeHttpTarget, kubeRequest, kubeRequestOk } from "./kube-http.js";

export type CrdSet = "v1" | "v3";

export interface CrdManifest {
  name: string;
  group: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  servedVersions: string[];
  object: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asCrd(object: unknown, file: string): CrdManifest {
  const fail = (what: string): never => {
    throw new Error(`${file}: not a CustomResourceDefinition (${what})`);
  };
  if (!isRecord(object) || object.kind !== "CustomResourceDefinition") return fail("kind");
  const metadata = object.metadata;
  const spec = object.spec;
  if (!isRecord(metadata) || typeof metadata.name !== "string") return fail("metadata.name");
  if (!isRecord(spec) || typeof spec.group !== "string") return fail("spec.group");
  const names = spec.names;
  if (!isRecord(names) || typeof names.plural !== "string") return fail("spec.names.plural");
  if (typeof names.kind !== "string") return fail("spec.names.kind");
  if (spec.scope !== "Cluster" && spec.scope !== "Namespaced") return fail("spec.scope");
  const versions = Array.isArray(spec.versions) ? spec.versions : fail("spec.versions");
  const servedVersions = versions.flatMap((v: unknown) =>
    isRecord(v) && v.served === true && typeof v.name === "string" ? [v.name] : [],
  );
  return {
    name: metadata.name,
    group: spec.group,
    plural: names.plural,
    kind: names.kind,
    namespaced: spec.scope === "Namespaced",
    servedVersions,
    object,
  };
}

/**
 * The manifests of one set: upstream's files in ../shared (`crd.projectcalico.org_*.yaml` for classic v1 storage,
 * `projectcalico.org-v3/*`) or, in a clone without them, the same CRDs built from Palisade's model, which
 * @palisade/calico's crd.test.ts holds equal to upstream's (descriptions aside).
 */
export function loadCrdSet(set: CrdSet, shared: SharedLookup = locateShared()): CrdManifest[] {
  if (!shared.present) {
    const crds = set === "v1" ? calicoV1Crds() : calicoV3Crds();
    return crds.map((crd) => asCrd(structuredClone(crd), `the model's ${crd.metadata.name}`));
  }
  const base = shared.files.path("calico/crds");
  const dir = set === "v1" ? base : join(base, "projectcalico.org-v3");
  const prefix = set === "v1" ? "crd.projectcalico.org_" : "projectcalico.org_";
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith(".yaml"))
    .sort();
  if (files.length === 0) throw new Error(`no ${set} CRD manifests in ${dir}`);
  return files.flatMap((file) => loadCrdFile(join(dir, file)));
}

/** network-policy-api's release that Calico v3.32 builds against (its go.mod): the ClusterNetworkPolicy CRD. */
export const CLUSTER_NETWORK_POLICY_MODULE = "sigs.k8s.io/network-policy-api@v0.2.0";

/**
 * The Go module's directory in the module cache: `go mod download` is a no-op when it is there and fetches it through
 * the Go module proxy otherwise; undefined when Go cannot provide it.
 */
export function goModuleDir(module: string): string | undefined {
  try {
    const out = execFileSync("go", ["mod", "download", "-json", module], { encoding: "utf8", timeout: 120_000 });
    const dir = (JSON.parse(out) as { Dir?: unknown }).Dir;
    return typeof dir === "string" ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The admin policy CRDs (`policy.networking.k8s.io`): AdminNetworkPolicy and BaselineAdminNetworkPolicy as Calico
 * v3.31 ships them (../shared/calico/crds-v3.31.0), ClusterNetworkPolicy from network-policy-api v0.2.0's standard
 * channel in the Go module cache; the model's (`adminPolicyCrds`, held against these by admin-crds.test.ts) for
 * whichever is not available.
 */
export function loadAdminPolicyCrds(
  shared: SharedLookup = locateShared(),
  moduleDir: (module: string) => string | undefined = goModuleDir,
): CrdManifest[] {
  const model = adminPolicyCrds().map((crd) => asCrd(structuredClone(crd), `the model's ${crd.metadata.name}`));
  const upstream: CrdManifest[] = [];
  if (shared.present) {
    const dir = shared.files.path("calico/crds-v3.31.0");
    for (const f of readdirSync(dir)
      .filter((f) => f.startsWith("policy.networking.k8s.io_"))
      .sort()) {
      upstream.push(...loadCrdFile(join(dir, f)));
    }
  }
  const cnp = moduleDir(CLUSTER_NETWORK_POLICY_MODULE);
  if (cnp !== undefined) {
    upstream.push(
      ...loadCrdFile(join(cnp, "config/crd/standard/policy.networking.k8s.io_clusternetworkpolicies.yaml")),
    );
  }
  return model.map((m) => upstream.find((u) => u.name === m.name) ?? m);
}

/** Palisade's own CRD (its change history, `AuditRecord`), which every cluster Palisade is deployed to has. */
export function palisadeCrds(): CrdManifest[] {
  return [asCrd(auditRecordCrd(), "@palisade/contract's auditRecordCrd()")];
}

/** The CRDs in one manifest file (any number of documents). */
export function loadCrdFile(path: string): CrdManifest[] {
  return parseAllDocuments(readFileSync(path, "utf8"))
    .map((doc) => doc.toJS() as unknown)
    .filter((object) => object !== null && object !== undefined)
    .map((object) => asCrd(object, path));
}

function isEstablished(body: string): boolean {
  const parsed: unknown = JSON.parse(body);
  if (!isRecord(parsed) || !isRecord(parsed.status) || !Array.isArray(parsed.status.conditions)) return false;
  return parsed.status.conditions.some((c: unknown) => isRecord(c) && c.type === "Established" && c.status === "True");
}

async function pollUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function installCrds(target: KubeHttpTarget, crds: CrdManifest[], timeoutMs = 60_000): Promise<void> {
  const base = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  await Promise.all(crds.map((crd) => kubeRequestOk(target, "POST", base, crd.object)));
  await Promise.all(
    crds.map(async (crd) => {
      await pollUntil(`CRD ${crd.name} Established`, timeoutMs, async () => {
        const res = await kubeRequest(target, "GET", `${base}/${crd.name}`);
        return res.status === 200 && isEstablished(res.body);
      });
      for (const version of crd.servedVersions) {
        const path = `/apis/${crd.group}/${version}/${crd.plural}`;
        await pollUntil(`${path} served`, timeoutMs, async () => {
          const res = await kubeRequest(target, "GET", `${path}?limit=1`);
          return res.status === 200;
        });
      }
    }),
  );
}

/**
 * The first custom-resource request a fresh kube-apiserver serves stalls for about two seconds (measured: 2.03 s for
 * the first create or dry-run, whichever kind, then ~10 ms), a one-off a long-running cluster never shows. Paying it
 * here, with one dry-run per kind and version, keeps that stall out of the first test that writes.
 */
export async function warmUpCustomResources(target: KubeHttpTarget, crds: CrdManifest[]): Promise<void> {
  await Promise.all(
    crds.flatMap((crd) =>
      crd.servedVersions.map(async (version) => {
        const scope = crd.namespaced ? "/namespaces/default" : "";
        const path = `/apis/${crd.group}/${version}${scope}/${crd.plural}?dryRun=All`;
        const body = { apiVersion: `${crd.group}/${version}`, kind: crd.kind, metadata: { name: "palisade-warm-up" } };
        // 422: the empty object fails the schema (v3 requires spec), which still goes through the whole handler.
        await kubeRequestOk(target, "POST", path, body, [422]);
      }),
    ),
  );
}
