import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ControlPlane, type StartControlPlaneOptions, startControlPlane } from "@palisade/control-plane";
import type { FastifyInstance } from "fastify";
import { type AppOptions, buildApp } from "../app";
import { AuditLog } from "../audit/log";
import type { Cluster } from "../clusters/cluster";
import { type ClusterRegistry, openClusters } from "../clusters/registry";

export interface ControlPlaneHarness {
  readonly cp: ControlPlane;
  readonly app: FastifyInstance;
  readonly clusters: ClusterRegistry;
  readonly cluster: Cluster;
  readonly auditPath: string;
  close(): Promise<void>;
}

/**
 * A BFF on a real kube-apiserver + etcd: informers with the admin kubeconfig, every request acting with the caller's
 * own bearer token (`--auth token`), so the cluster's RBAC decides.
 */
export async function startOnControlPlane(
  crds: "v1" | "v3",
  options: Partial<Omit<AppOptions, "clusters" | "audit">> = {},
  controlPlane: Omit<StartControlPlaneOptions, "crds"> = {},
  /** Runs once the control plane is up and before Palisade connects (objects Palisade reads at start). */
  prepare: (cp: ControlPlane) => Promise<void> = async () => undefined,
): Promise<ControlPlaneHarness> {
  const cp = await startControlPlane({ crds, ...controlPlane });
  await prepare(cp);
  const clusters = await openClusters({ kubeconfig: cp.kubeconfigPath });
  clusters.start();
  const cluster = clusters.default;
  if (cluster === undefined) throw new Error("the control plane's kubeconfig has no current context");
  await cluster.whenReady();
  const dir = await mkdtemp(join(tmpdir(), "palisade-bff-int-"));
  const auditPath = join(dir, "audit.jsonl");
  const app = await buildApp({ auth: "token", ...options, clusters, audit: new AuditLog(auditPath) });
  return {
    cp,
    app,
    clusters,
    cluster,
    auditPath,
    close: async () => {
      await app.close();
      await clusters.close();
      await cp.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
