import { ConfigError, parseServeConfig } from "./config";
import { startServer } from "./server";

const USAGE = `usage: palisade serve [--host H] [--port P] [--kubeconfig FILE]

  --host        address to bind (env PALISADE_HOST, default 127.0.0.1)
  --port        port to bind, 0 for any free port (env PALISADE_PORT, default 7474)
  --kubeconfig  cluster to manage (env KUBECONFIG); without one, the embedded demo cluster`;

/** Returns an exit code, or undefined while the server keeps the process alive. */
async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command !== "serve") {
    console.error(USAGE);
    return 2;
  }
  let config: ReturnType<typeof parseServeConfig>;
  try {
    config = parseServeConfig(rest, process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`palisade: ${err.message}\n\n${USAGE}`);
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

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exit(code);
