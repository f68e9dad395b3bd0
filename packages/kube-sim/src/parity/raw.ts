import { request } from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";

export interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  /** `Warning` header values, in order. */
  readonly warnings: readonly string[];
  json<T = unknown>(): T;
}

/** A plain HTTPS request with a KubeConfig's CA and credentials, for wire details client-node hides. */
export async function rawRequest(
  kc: KubeConfig,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const server = kc.getCurrentCluster()?.server;
  if (server === undefined) throw new Error("parity: the kubeconfig names no cluster");
  const url = new URL(path, server);
  const opts: Parameters<typeof request>[1] = {
    method,
    hostname: url.hostname,
    port: url.port,
    path: `${url.pathname}${url.search}`,
    headers: { accept: "application/json", ...options.headers },
  };
  await kc.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    const req = request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers["content-type"] ?? ""),
          text,
          warnings: headerList(res.rawHeaders, "warning"),
          json: <T>() => JSON.parse(text) as T,
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function headerList(raw: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]?.toLowerCase() === name) out.push(raw[i + 1] ?? "");
  return out;
}
