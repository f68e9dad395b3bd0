import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig, type KubernetesObject, KubernetesObjectApi } from "@kubernetes/client-node";
import { type KubeSim, type KubeSimOptions, startKubeSim } from "@palisade/kube-sim";
import type { FastifyInstance } from "fastify";
import { type AppOptions, buildApp } from "../app";
import { ClusterAuditStore } from "../audit/cluster-store";
import { AuditLog } from "../audit/log";
import { Cluster } from "../clusters/cluster";
import { ClusterRegistry } from "../clusters/registry";

export interface DemoHarness {
  readonly app: FastifyInstance;
  readonly sim: KubeSim;
  readonly cluster: Cluster;
  readonly clusters: ClusterRegistry;
  readonly auditPath: string;
  /** The demo's kube-sim through client-node, for objects a test writes for real. */
  objectApi(): KubernetesObjectApi;
  /** Merge-patches an object in the demo cluster, then waits until `seen` holds in the BFF's cache. */
  mergePatch(patch: KubernetesObject & Record<string, unknown>, seen: () => boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * A BFF on the demo cluster, reached over HTTPS through client-node like any cluster, with its caches synced and the
 * history in a temporary audit log (or, with `history: "cluster"`, in the demo cluster). For route tests
 * (`app.inject`).
 */
export async function startDemo(
  options: Partial<Omit<AppOptions, "clusters" | "audit">> = {},
  simOptions: Pick<KubeSimOptions, "scenario" | "storage" | "calicoNodes"> = {},
  history: "file" | "cluster" = "file",
): Promise<DemoHarness> {
  const sim = await startKubeSim({ scenario: "ibm-classic", ...simOptions });
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  const cluster = new Cluster({ name: "demo", source: "demo", kubeConfig: kc, isDefault: true });
  const registry = new ClusterRegistry([cluster], "demo");
  registry.start();
  await cluster.whenReady();
  const dir = await mkdtemp(join(tmpdir(), "palisade-bff-"));
  const auditPath = join(dir, "audit.jsonl");
  const audit = history === "cluster" ? new ClusterAuditStore(registry) : new AuditLog(auditPath);
  const app = await buildApp({ ...options, clusters: registry, audit });
  const objectApi = () => KubernetesObjectApi.makeApiClient(kc);
  return {
    app,
    sim,
    cluster,
    clusters: registry,
    auditPath,
    objectApi,
    mergePatch: async (patch, seen) => {
      const merge = "application/merge-patch+json";
      await objectApi().patch(patch, undefined, undefined, undefined, undefined, merge);
      await cluster.settle(seen);
    },
    close: async () => {
      await app.close();
      await registry.close();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
