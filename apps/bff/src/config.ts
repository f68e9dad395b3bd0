import { parseArgs } from "node:util";

export interface ServeConfig {
  readonly host: string;
  readonly port: number;
  /** Path to a kubeconfig; undefined means KUBECONFIG, in-cluster config, or the embedded demo cluster. */
  readonly kubeconfig: string | undefined;
}

export class ConfigError extends Error {}

/**
 * Flags win over environment variables (PALISADE_HOST, PALISADE_PORT, KUBECONFIG). Local mode binds loopback
 * unless told otherwise: a policy console must not listen on every interface by accident.
 */
export function parseServeConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServeConfig {
  let values: { host?: string | undefined; port?: string | undefined; kubeconfig?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { host: { type: "string" }, port: { type: "string" }, kubeconfig: { type: "string" } },
      strict: true,
    }));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const host = values.host ?? env.PALISADE_HOST ?? "127.0.0.1";
  const portText = values.port ?? env.PALISADE_PORT ?? "7474";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new ConfigError(`--port must be an integer from 0 to 65535 (got "${portText}")`);
  }
  const kubeconfig = values.kubeconfig ?? (env.KUBECONFIG === "" ? undefined : env.KUBECONFIG);
  return { host, port, kubeconfig };
}
