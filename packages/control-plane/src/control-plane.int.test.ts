import { existsSync, readdirSync, readFileSync } from "node:fs";
import {
  ApiException,
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  type V1CustomResourceDefinition,
  Watch,
} from "@kubernetes/client-node";
import type { SharedFiles } from "@palisade/reference";
import { describeWithShared } from "@palisade/reference/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ControlPlaneUser } from "./connection.js";
import { type ControlPlane, startControlPlane } from "./control-plane.js";
import { type CrdSet, loadCrdSet } from "./crds.js";

// A cold machine builds kube-apiserver and etcd first (build.sh), which takes minutes on two cores.
const START_TIMEOUT_MS = 30 * 60_000;

const GROUP_VERSION: Record<CrdSet, { group: string; version: string }> = {
  v1: { group: "crd.projectcalico.org", version: "v1" },
  v3: { group: "projectcalico.org", version: "v3" },
};

function client(cp: ControlPlane, user: ControlPlaneUser): { kc: KubeConfig; custom: CustomObjectsApi } {
  const kc = new KubeConfig();
  kc.loadFromFile(cp.kubeconfigFor(user));
  return { kc, custom: kc.makeApiClient(CustomObjectsApi) };
}

function globalNetworkPolicy(crds: CrdSet, name: string): Record<string, unknown> {
  const { group, version } = GROUP_VERSION[crds];
  return {
    apiVersion: `${group}/${version}`,
    kind: "GlobalNetworkPolicy",
    metadata: { name },
    spec: {
      order: 100,
      selector: "all()",
      types: ["Egress"],
      egress: [{ action: "Allow", protocol: "UDP", destination: { ports: [53] } }],
    },
  };
}

function isEstablished(crd: V1CustomResourceDefinition): boolean {
  return (crd.status?.conditions ?? []).some((c) => c.type === "Established" && c.status === "True");
}

/** Processes whose process group is `pgid`, read from /proc (field 5 of stat, after the parenthesised comm). */
function processesInGroup(pgid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return Number(fields[2]) === pgid && fields[0] !== "Z";
      } catch {
        return false; // exited while we looked
      }
    })
    .map(Number);
}

/**
 * Every object of IBM Cloud's us-south public isolation set, written for projectcalico.org/v3. (The private set holds
 * templates with placeholders such as `<worker-node-name>`, which a real server rightly refuses.)
 */
function ibmUsSouthPublicSamples(shared: SharedFiles): KubernetesObject[] {
  return shared
    .list("fixtures/kube-samples/public-network-isolation/us-south", [".yaml"])
    .flatMap((file) => shared.readYaml(file).filter((object): object is KubernetesObject => object !== null));
}

describe.each(["v1", "v3"] as const)("real control plane with the %s Calico CRDs", (crds) => {
  const { group, version } = GROUP_VERSION[crds];
  let cp: ControlPlane;

  beforeAll(async () => {
    cp = await startControlPlane({ crds });
    console.info(`${crds}: ${JSON.stringify(cp.timings)}`);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await cp?.stop();
  });

  it("serves every CRD of the set, Established", async () => {
    const api = client(cp, "admin").kc.makeApiClient(ApiextensionsV1Api);
    const list = await api.listCustomResourceDefinition();
    const installed = list.items.filter((crd) => crd.spec.group === group);
    const expected = loadCrdSet(crds).map((crd) => crd.name);
    expect(installed.map((crd) => crd.metadata?.name).sort()).toEqual([...expected].sort());
    expect(expected.length).toBe(9);
    for (const crd of installed) expect(isEstablished(crd), crd.metadata?.name).toBe(true);
  });

  it("lets admin create and read back a GlobalNetworkPolicy", async () => {
    const { custom } = client(cp, "admin");
    const plural = "globalnetworkpolicies";
    const body = globalNetworkPolicy(crds, "smoke-allow-dns");
    await custom.createClusterCustomObject({ group, version, plural, body });
    const got: unknown = await custom.getClusterCustomObject({ group, version, plural, name: "smoke-allow-dns" });
    expect(got).toMatchObject({ metadata: { name: "smoke-allow-dns" }, spec: { selector: "all()", order: 100 } });
  });

  it("lets viewer read but answers 403 to its create; editor may create", async () => {
    const plural = "globalnetworkpolicies";
    const viewer = client(cp, "viewer").custom;
    await expect(viewer.listClusterCustomObject({ group, version, plural })).resolves.toBeDefined();
    const denied = await viewer
      .createClusterCustomObject({ group, version, plural, body: globalNetworkPolicy(crds, "viewer-was-here") })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(denied).toBeInstanceOf(ApiException);
    expect((denied as ApiException<unknown>).code).toBe(403);

    const editor = client(cp, "editor").custom;
    await editor.createClusterCustomObject({ group, version, plural, body: globalNetworkPolicy(crds, "editor-ok") });
  });

  it("delivers a watch event for a created object", async () => {
    const { kc } = client(cp, "viewer");
    const admin = client(cp, "admin").custom;
    const path = `/apis/${group}/${version}/globalnetworkpolicies`;
    const seen = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no watch event within 15s")), 15_000);
      void new Watch(kc)
        .watch(
          path,
          { resourceVersion: "0" },
          (phase, object: { metadata?: { name?: string } }) => {
            if (phase === "ADDED" && object.metadata?.name === "watched") {
              clearTimeout(timer);
              resolve(phase);
            }
          },
          (err: unknown) => {
            if (err) reject(err instanceof Error ? err : new Error(String(err)));
          },
        )
        .then(async (abort) => {
          // Create only once the stream is open, so the event is a live one rather than the initial list.
          await admin.createClusterCustomObject({
            group,
            version,
            plural: "globalnetworkpolicies",
            body: globalNetworkPolicy(crds, "watched"),
          });
          void seen.finally(() => abort.abort());
        }, reject);
    });
    await expect(seen).resolves.toBe("ADDED");
  });

  describeWithShared("IBM Cloud's samples", (shared) => {
    it("accepts every IBM Cloud us-south public isolation policy from the editor", async () => {
      // The samples are written for projectcalico.org/v3. The v1 CRDs carry the same schemas and CEL rules
      // (../shared/calico/crds/SOURCE.md), so the same objects must pass in the classic group too.
      const samples = ibmUsSouthPublicSamples(shared).map((object) => ({
        ...object,
        apiVersion: `${group}/${version}`,
      }));
      expect(samples.length).toBeGreaterThanOrEqual(10);
      const core = client(cp, "admin").kc.makeApiClient(CoreV1Api);
      const namespaces = new Set(samples.flatMap((o) => (o.metadata?.namespace ? [o.metadata.namespace] : [])));
      const existing = new Set((await core.listNamespace()).items.map((ns) => ns.metadata?.name));
      for (const name of namespaces) {
        if (!existing.has(name)) await core.createNamespace({ body: { metadata: { name } } });
      }
      const editor = KubernetesObjectApi.makeApiClient(client(cp, "editor").kc);
      for (const object of samples) {
        const created = await editor.create(object);
        expect(created.metadata?.uid, `${object.kind}/${object.metadata?.name}`).toBeTruthy();
      }
    });
  });

  it("restarts only kube-apiserver, on the same port, with etcd and its data untouched", async () => {
    const { custom } = client(cp, "admin");
    const plural = "globalnetworkpolicies";
    const before = { ...cp.pids };
    await cp.stopApiServer();
    expect(processesInGroup(before["kube-apiserver"]), "the old API server's group").toEqual([]);
    expect(processesInGroup(before.etcd), "etcd's group while the API server is down").not.toEqual([]);
    const refused = await custom.listClusterCustomObject({ group, version, plural }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((refused as { cause?: { code?: unknown } } | undefined)?.cause?.code).toBe("ECONNREFUSED");

    await cp.startApiServer();
    expect(cp.pids.etcd).toBe(before.etcd);
    expect(cp.pids["kube-apiserver"]).not.toBe(before["kube-apiserver"]);
    // The same kubeconfig (server, CA, token) reaches it, and what was written before the restart is still there.
    const got: unknown = await custom.getClusterCustomObject({ group, version, plural, name: "smoke-allow-dns" });
    expect(got).toMatchObject({ metadata: { name: "smoke-allow-dns" } });
    await custom.createClusterCustomObject({
      group,
      version,
      plural,
      body: globalNetworkPolicy(crds, "after-restart"),
    });

    await cp.restartApiServer();
    const listed = (await custom.listClusterCustomObject({ group, version, plural })) as {
      items: { metadata: { name: string } }[];
    };
    expect(listed.items.map((item) => item.metadata.name)).toContain("after-restart");
  });

  it("stop() leaves no process and no temporary folder behind", async () => {
    const pids = Object.values(cp.pids);
    for (const pid of pids) expect(processesInGroup(pid), `group ${pid} before stop`).not.toEqual([]);
    await cp.stop();
    for (const pid of pids) {
      expect(processesInGroup(pid), `group ${pid} after stop`).toEqual([]);
      expect(existsSync(`/proc/${pid}`)).toBe(false);
    }
    expect(existsSync(cp.logDir)).toBe(false);
    expect(existsSync(cp.kubeconfigPath)).toBe(false);
  });
});
