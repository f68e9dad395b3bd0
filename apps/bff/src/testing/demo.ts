import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { type KubeSim, type KubeSimOptions, startKubeSim } from "@palisade/kube-sim";
import type { FastifyInstance } from "fastify";
import { type AppOptions, buildApp } from "../app";
import { AuditLog } from "../audit/log";
import { Cluster } from "../clusters/cluster";
import { ClusterRegistry } from "../clusters/registry";

export interface DemoHarness {
  readonly app: FastifyInstance;
  readonly sim: KubeSim;
  readonly cluster: Cluster;
  readonly clusters: ClusterRegistry;
  readonly auditPath: string;
  close(): Promise<void>;
}

/**
 * A BFF on the demo cluster, reached over HTTPS through client-node like any cluster, with its caches synced and a
 * temporary audit log. For route tests (`app.inject`).
 */
export async function startDemo(
  options: Partial<Omit<AppOptions, "clusters" | "audit">> = {},
  simOptions: Pick<KubeSimOptions, "scenario" | "storage"> = {},
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
  const app = await buildApp({ ...options, clusters: registry, audit: new AuditLog(auditPath) });
  return {
    app,
    sim,
    cluster,
    clusters: registry,
    auditPath,
    close: async () => {
      await app.close();
      await registry.close();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
