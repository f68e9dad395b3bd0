import { ConfigError, parseServeConfig } from "../config";
import { startServer } from "../server";

export const SERVE_USAGE = `usage: palisade serve [--host H] [--port P] [--kubeconfig FILE[:FILE...]] [--read-only]
                      [--audit-log FILE] [--auth server|impersonate|token] [--trusted-proxy ADDR]...

  --host               address to bind (env PALISADE_HOST, default 127.0.0.1)
  --port               port to bind, 0 for any free port (env PALISADE_PORT, default 7474)
  --kubeconfig         clusters to manage, every context (env KUBECONFIG); without one, the in-cluster service
                       account inside a pod, else the embedded demo cluster
  --read-only          refuse every apply and delete (env PALISADE_READ_ONLY=1)
  --audit-log          JSON-lines audit log (env PALISADE_AUDIT_LOG, default ~/.local/state/palisade/audit.jsonl)
  --auth               server: act with the server's credentials (default); impersonate: as the user named by the
                       authenticating proxy's X-Remote-User/X-Remote-Group headers; token: with the user's bearer
                       token (env PALISADE_AUTH)
  --trusted-proxy      proxy address whose identity headers are trusted, repeatable (env PALISADE_TRUSTED_PROXIES)
  --writes-per-minute  per-client write rate limit (env PALISADE_WRITES_PER_MINUTE, default 60)`;

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
