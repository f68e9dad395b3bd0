import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app";
import type { ServeConfig } from "./config";
import { type ClusterConnection, connectCluster } from "./kube/connect";
import { listPolicies } from "./kube/policies";

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly cluster: ClusterConnection;
  close(): Promise<void>;
}

const WEB_ROOT = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Connects to the cluster, builds the app and listens. */
export async function startServer(config: ServeConfig): Promise<RunningServer> {
  const cluster = await connectCluster(config.kubeconfig);
  const app = await buildApp({
    policies: { listPolicies: () => listPolicies(cluster.kubeConfig) },
    webRoot: WEB_ROOT,
    logger: process.env.PALISADE_LOG !== "off",
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    app,
    cluster,
    close: async () => {
      await app.close();
      await cluster.close();
    },
  };
}
