import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { stringify } from "yaml";
import { apiVersionOf, findType, RESOURCE_TYPES, type ResourceType } from "./resources";
import { ibmClassicScenario } from "./scenarios/ibm-classic";
import { type KubeObject, Store } from "./store";
import { generateServingCerts } from "./tls";

export type ScenarioName = "ibm-classic" | "empty";

export interface KubeSimOptions {
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly scenario?: ScenarioName;
}

export interface KubeSim {
  /** `https://host:port` */
  readonly server: string;
  /** A kubeconfig (YAML) with the CA and an admin bearer token, as a real cluster's would carry. */
  readonly kubeconfig: string;
  close(): Promise<void>;
}

/** Starts a Kubernetes API server over HTTPS on loopback, seeded with a scenario. */
export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const host = options.host ?? "127.0.0.1";
  const certs = await generateServingCerts([host, "localhost"]);
  const token = randomBytes(24).toString("base64url");
  const store = new Store();
  if ((options.scenario ?? "ibm-classic") === "ibm-classic") {
    for (const obj of ibmClassicScenario()) store.create(obj);
  }
  const httpsServer = createServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      sendStatus(res, 401, "Unauthorized", "Unauthorized");
      return;
    }
    route(store, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    httpsServer.once("error", reject);
    httpsServer.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = httpsServer.address() as AddressInfo;
  const server = `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    server,
    kubeconfig: kubeconfigYaml(server, certs.caPem, token),
    close: () =>
      new Promise<void>((resolve) => {
        httpsServer.closeAllConnections();
        httpsServer.close(() => resolve());
      }),
  };
}

function kubeconfigYaml(server: string, caPem: string, token: string): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name: "kube-sim", cluster: { server, "certificate-authority-data": Buffer.from(caPem).toString("base64") } },
    ],
    users: [{ name: "kube-sim-admin", user: { token } }],
    contexts: [{ name: "kube-sim", context: { cluster: "kube-sim", user: "kube-sim-admin" } }],
    "current-context": "kube-sim",
  });
}

function route(store: Store, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "https://sim");
  const parts = url.pathname.split("/").filter((p) => p !== "");
  if (req.method !== "GET") {
    sendStatus(res, 405, "MethodNotAllowed", `the server does not allow this method on the requested resource`);
    return;
  }
  if (url.pathname === "/version") {
    sendJson(res, 200, { major: "1", minor: "34", gitVersion: "v1.34.0-palisade-kube-sim", platform: "linux/amd64" });
    return;
  }
  if (url.pathname === "/api") {
    sendJson(res, 200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] });
    return;
  }
  if (url.pathname === "/apis") {
    sendJson(res, 200, apiGroupList());
    return;
  }
  // /api/v1/... or /apis/{group}/{version}/...
  const [root, ...rest] = parts;
  let group: string;
  let version: string | undefined;
  let tail: string[];
  if (root === "api") {
    group = "";
    [version, ...tail] = rest;
  } else if (root === "apis") {
    const [g, v, ...t] = rest;
    group = g ?? "";
    version = v;
    tail = t;
  } else {
    sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
    return;
  }
  if (version === undefined) {
    sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
    return;
  }
  if (tail.length === 0) {
    sendJson(res, 200, resourceList(group, version));
    return;
  }
  let namespace: string | undefined;
  if (tail[0] === "namespaces" && tail.length >= 3) {
    namespace = tail[1];
    tail = tail.slice(2);
  }
  const [plural, name] = tail;
  const type = plural === undefined ? undefined : findType(group, version, plural);
  if (type === undefined || tail.length > 2 || (namespace !== undefined && !type.namespaced)) {
    sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
    return;
  }
  if (name === undefined) {
    sendJson(res, 200, listOf(store, type, namespace));
    return;
  }
  const obj = store.get(type, name, type.namespaced ? namespace : undefined);
  if (obj === undefined) {
    const what = type.group === "" ? type.plural : `${type.plural}.${type.group}`;
    sendStatus(res, 404, "NotFound", `${what} "${name}" not found`, { name, group: type.group, kind: type.plural });
    return;
  }
  sendJson(res, 200, obj);
}

function listOf(store: Store, type: ResourceType, namespace: string | undefined) {
  return {
    apiVersion: apiVersionOf(type),
    kind: `${type.kind}List`,
    metadata: { resourceVersion: store.currentRevision() },
    items: store.list(type, namespace) satisfies KubeObject[],
  };
}

function apiGroupList() {
  const groups = new Map<string, Set<string>>();
  for (const t of RESOURCE_TYPES) {
    if (t.group === "") continue;
    const versions = groups.get(t.group) ?? new Set<string>();
    versions.add(t.version);
    groups.set(t.group, versions);
  }
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [...groups].map(([name, versions]) => {
      const vs = [...versions].map((version) => ({ groupVersion: `${name}/${version}`, version }));
      return { name, versions: vs, preferredVersion: vs[0] };
    }),
  };
}

function resourceList(group: string, version: string) {
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: group === "" ? version : `${group}/${version}`,
    resources: RESOURCE_TYPES.filter((t) => t.group === group && t.version === version).map((t) => ({
      name: t.plural,
      singularName: t.kind.toLowerCase(),
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ["get", "list"],
      shortNames: t.shortNames ?? [],
    })),
  };
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function sendStatus(
  res: ServerResponse,
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): void {
  sendJson(res, code, {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    ...(details === undefined ? {} : { details }),
    code,
  });
}
