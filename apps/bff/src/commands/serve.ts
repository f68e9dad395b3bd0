import { ConfigError, parseServeConfig } from "../config";
import { startServer } from "../server";

export const SERVE_USAGE = `usage: palisade serve [--host H] [--port P] [--kubeconfig FILE]

  --host        address to bind (env PALISADE_HOST, default 127.0.0.1)
  --port        port to bind, 0 for any free port (env PALISADE_PORT, default 7474)
  --kubeconfig  cluster to manage (env KUBECONFIG); without one, the embedded demo cluster`;

/** `palisade serve`: returns an exit code, or undefined while the server keeps the process alive. */
export async function serveCommand(args: string[]): Promise<number | undefined> {
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
  console.log(`Palisade is running at ${server.url} (cluster: ${server.cluster.name})`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return undefined;
}
