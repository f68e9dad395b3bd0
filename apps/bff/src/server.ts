import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app";
import { ClusterAuditStore } from "./audit/cluster-store";
import { AuditLog } from "./audit/log";
import type { AuditStore } from "./audit/store";
import { type ClusterRegistry, openClusters } from "./clusters/registry";
import type { ServeConfig } from "./config";
import { allowedHostNames } from "./http/hosts";

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly clusters: ClusterRegistry;
  close(): Promise<void>;
}

const WEB_ROOT = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Opens the clusters (starting their informers), builds the app and listens. */
export async function startServer(config: ServeConfig, env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const clusters = await openClusters({
    kubeconfig: config.kubeconfig,
    inCluster: env.KUBERNETES_SERVICE_HOST !== undefined,
    flows: config.flows,
  });
  clusters.start();
  const log = env.PALISADE_LOG;
  let reportAuditError: (err: unknown, cluster?: string) => void = (err) =>
    console.error(`palisade: audit log: ${String(err)}`);
  const audit: AuditStore =
    config.auditStore === "cluster"
      ? new ClusterAuditStore(
          clusters,
          { keep: config.auditKeep, maxAgeMs: config.auditMaxAgeDays * 24 * 3600_000 },
          (err, cluster) => reportAuditError(err, cluster),
        )
      : new AuditLog(config.auditLog, (err) => reportAuditError(err));
  const app = await buildApp({
    clusters,
    audit,
    readOnly: config.readOnly,
    auth: config.auth,
    trustedProxies: config.trustedProxies,
    userHeader: config.userHeader,
    writesPerMinute: config.writesPerMinute,
    costlyPerMinute: config.costlyPerMinute,
    allowedHosts: allowedHostNames(config.host, config.allowedHosts),
    maxEventLoopDelayMs: config.maxEventLoopDelayMs,
    unreadyAfterMs: config.unreadyAfterSeconds * 1000,
    webRoot: env.PALISADE_WEB_ROOT ?? WEB_ROOT,
    // No pid and host name on every line: the log collector knows which pod (or terminal) it reads.
    logger: log === "off" ? false : { level: env.PALISADE_LOG_LEVEL ?? "info", base: null },
  });
  reportAuditError = (err, cluster) =>
    app.log.error(
      config.auditStore === "cluster" ? { err, cluster } : { err, path: config.auditLog },
      "history entry not written",
    );
  for (const cluster of clusters.list()) {
    cluster.onEvent((event) => {
      if (event.type === "status") {
        const line = { cluster: event.cluster, status: event.status, message: event.message };
        if (event.status === "error" || event.status === "reconnecting") app.log.warn(line, "cluster connection");
        else app.log.info(line, "cluster connection");
      }
    });
    const { status, message } = cluster.statusNow;
    if (status === "error") app.log.error({ cluster: cluster.name, message }, "cluster unusable");
  }
  // Give the default cluster a moment to sync so the first page has data; a slow or broken one does not block.
  const first = clusters.default;
  if (first !== undefined) await first.settle(() => first.ready || first.statusNow.status === "error", 10_000);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    app,
    clusters,
    close: async () => {
      await app.close();
      await clusters.close();
    },
  };
}
