/**
 * The few API calls the launcher itself makes (readiness, RBAC objects, CRDs), over node:https so they can pin the
 * generated CA. Node's global fetch cannot take a CA without importing undici's Agent, and @kubernetes/client-node
 * would be a heavy dependency for five request shapes; tests use the kubeconfig with whatever client they exercise.
 */
import { request } from "node:https";

export interface KubeResponse {
  status: number;
  body: string;
}

export interface KubeHttpTarget {
  server: string;
  caPem: string;
  token: string;
}

export function kubeRequest(
  target: KubeHttpTarget,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<KubeResponse> {
  const url = new URL(path, target.server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: target.caPem,
        headers: {
          authorization: `Bearer ${target.token}`,
          accept: "application/json",
          ...(payload === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${url.pathname} timed out after ${timeoutMs}ms`)));
    req.on("error", reject);
    req.end(payload);
  });
}

/** Like kubeRequest, but any status outside 2xx (and outside `allow`) is an error carrying the server's Status. */
export async function kubeRequestOk(
  target: KubeHttpTarget,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
  allow: readonly number[] = [],
): Promise<KubeResponse> {
  const res = await kubeRequest(target, method, path, body);
  if ((res.status < 200 || res.status >= 300) && !allow.includes(res.status)) {
    throw new Error(`${method} ${path} -> ${res.status}: ${res.body.slice(0, 2000)}`);
  }
  return res;
}
