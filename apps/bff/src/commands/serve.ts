import { ConfigError, parseServeConfig } from "../config";
import { startServer } from "../server";

export const SERVE_USAGE = `usage: palisade serve [--host H] [--port P] [--kubeconfig FILE[:FILE...]] [--read-only]
                      [--audit-store file|cluster] [--audit-log FILE] [--audit-keep N] [--audit-max-age-days D]
                      [--auth server|impersonate|token] [--trusted-proxy ADDR]... [--user-header NAME]
                      [--allowed-host NAME]... [--writes-per-minute N] [--costly-per-minute N]
                      [--max-event-loop-delay MS] [--unready-after S] [--flows-config FILE]

  --host               address to bind (env PALISADE_HOST, default 127.0.0.1)
  --port               port to bind, 0 for any free port (env PALISADE_PORT, default 7474)
  --kubeconfig         clusters to manage, every context (env KUBECONFIG); without one, the in-cluster service
                       account inside a pod, else the embedded demo cluster
  --read-only          refuse every apply and delete (env PALISADE_READ_ONLY=1)
  --audit-store        where the change history is kept: file (the --audit-log file, for one user; the default) or
                       cluster (AuditRecord objects in each cluster, shared by every replica; install their CRD from
                       deploy/) (env PALISADE_AUDIT_STORE); every entry is also logged on stdout
  --audit-log          JSON-lines audit log (env PALISADE_AUDIT_LOG, default ~/.local/state/palisade/audit.jsonl)
  --audit-keep         cluster store: records kept per cluster, oldest pruned first (env PALISADE_AUDIT_KEEP, default 1000)
  --audit-max-age-days cluster store: records older than this are pruned (env PALISADE_AUDIT_MAX_AGE_DAYS, default 90)
  --auth               server: act with the server's credentials (default); impersonate: as the user named by the
                       authenticating proxy's X-Remote-User/X-Remote-Group headers; token: with the user's bearer
                       token (env PALISADE_AUTH)
  --trusted-proxy      proxy address whose identity headers (and X-Forwarded-Proto, for the Origin check) are
                       trusted, repeatable (env PALISADE_TRUSTED_PROXIES)
  --user-header        the header the trusted proxy names the user in (env PALISADE_USER_HEADER, default
                       X-Remote-User; OpenShift's oauth-proxy sends X-Forwarded-User)
  --allowed-host       a host name browsers reach Palisade by, besides loopback names and the bound address
                       (DNS rebinding guard), repeatable; * accepts any (env PALISADE_ALLOWED_HOSTS, comma-separated)
  --writes-per-minute  applies and deletes per person per minute (env PALISADE_WRITES_PER_MINUTE, default 60)
  --costly-per-minute  validations, diffs, dry runs, explains and delete previews per person per minute
                       (env PALISADE_COSTLY_PER_MINUTE, default 300)
  --max-event-loop-delay  event-loop lag (ms) beyond which requests get 503 with Retry-After, 0 for never
                       (env PALISADE_MAX_EVENT_LOOP_DELAY_MS, default 1000)
  --unready-after      /readyz fails once every cluster has been unreachable this many seconds
                       (env PALISADE_UNREADY_AFTER, default 300)
  --flows-config       JSON: flows held per cluster ("capacity", default 100000) and how to reach each cluster's
                       Goldmane ("goldmane": {"<cluster>" or "*": {"address", "serverName", "secret" or "caFile",
                       "certFile", "keyFile"}}) (env PALISADE_FLOWS_CONFIG; apps/bff/README.md "Flows")`;

/** `palisade serve`: returns an exit code, or undefined while the server keeps the process alive. */
export async function serveCommand(args: string[]): Promise<number | undefined> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(SERVE_USAGE);
    return 0;
  }
  let config: ReturnType<typeof parseServeConfig>;
  try {
    config = parseServeConfig(args, process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`palisade: ${err.message}\n\n${SERVE_USAGE}`);
      return 2;
    }
    throw err;
  }
  const server = await startServer(config);
  const names = server.clusters.list().map((c) => c.name);
  console.log(`Palisade is running at ${server.url} (clusters: ${names.join(", ")})`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return undefined;
}
