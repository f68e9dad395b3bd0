import type { IncomingMessage, ServerResponse } from "node:http";
import { isRecord, type KubeObject, kubeTime } from "../api/object";
import {
  ApiError,
  badRequest,
  groupField,
  methodNotSupported,
  PageNotFound,
  pathNotFound,
  resourcePathNotFound,
  unauthorized,
} from "../api/status";
import { authorizePath, authorizeResource, forbidden, forbiddenPath } from "../auth/authorize";
import { ANONYMOUS, boundRoleOf, type User } from "../auth/roles";
import type { Cluster, DeleteOptions } from "../cluster/cluster";
import { type ListOptions, listObjects } from "../cluster/list";
import type { ResourceType } from "../registry/resource-type";
import {
  AGGREGATED_V2,
  aggregatedDiscovery,
  apiGroupList,
  apiGroupOf,
  apiResourceList,
  apiVersions,
  wantsAggregated,
} from "./discovery";
import { openApiV3Document, openApiV3Root } from "./openapi";
import {
  boolParam,
  decodeBody,
  optional,
  parseResourcePath,
  patchTypeOf,
  type ResourcePath,
  readBody,
} from "./request";
import { review } from "./reviews";
import { sendJson } from "./send";
import { columnsOf, toTable, wantsTable } from "./table";
import { serveWatch } from "./watch";

export interface RouterContext {
  readonly cluster: Cluster;
  /** Bearer token to user. */
  readonly users: ReadonlyMap<string, User>;
  readonly serverAddress: () => string;
  readonly bookmarkIntervalMs: number;
  readonly version: Record<string, string>;
  /** Called after every stored change; the write is acknowledged once it resolves (durable, for `--state`). */
  readonly onWrite: () => Promise<void>;
}

export async function handleRequest(ctx: RouterContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const user = authenticate(ctx, req);
    const url = new URL(req.url ?? "/", "https://kube-sim.invalid");
    const path = parseResourcePath(url.pathname);
    if (path === undefined) nonResource(ctx, user, req, url, res);
    else await resource(ctx, user, req, url, path, res);
  } catch (e) {
    if (e instanceof PageNotFound) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
      res.end(`${e.message}\n`);
      return;
    }
    const err =
      e instanceof ApiError
        ? e
        : new ApiError(500, "InternalError", `Internal error occurred: ${(e as Error).message}`);
    if (!res.headersSent) sendJson(res, err.code, err.toStatus());
    else res.end();
  }
}

function authenticate(ctx: RouterContext, req: IncomingMessage): User {
  const header = req.headers.authorization;
  if (header === undefined) return ANONYMOUS;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const user = m?.[1] === undefined ? undefined : ctx.users.get(m[1]);
  if (user === undefined) throw unauthorized();
  return impersonated(user, req) ?? user;
}

/**
 * `Impersonate-User` / `Impersonate-Group` (apiserver `WithImpersonation`): only a user allowed to impersonate
 * (here `system:masters`) may; the impersonated user gets the named groups plus `system:authenticated`, and the
 * role bound to its name (kube-sim binds roles to the users admin, editor, viewer and calico-viewer).
 */
function impersonated(user: User, req: IncomingMessage): User | undefined {
  const name = req.headers["impersonate-user"];
  const groups = [req.headers["impersonate-group"] ?? []].flat().flatMap((g) => g.split(",").map((s) => s.trim()));
  if (name === undefined) {
    if (groups.length > 0) throw badRequest("requested impersonation of groups without impersonating a user");
    return undefined;
  }
  const resource = { verb: "impersonate", group: "", resource: "users", name: String(name) };
  if (!authorizeResource(user, resource).allowed) throw forbidden(user, resource);
  const role = boundRoleOf(String(name));
  return {
    name: String(name),
    groups: [...new Set([...groups.filter((g) => g !== ""), "system:authenticated"])],
    ...(role === undefined ? {} : { role }),
  };
}

interface Reply {
  readonly body: unknown;
  readonly contentType?: string;
}

function nonResource(ctx: RouterContext, user: User, req: IncomingMessage, url: URL, res: ServerResponse): void {
  const verb = (req.method ?? "GET").toLowerCase();
  if (!authorizePath(user, url.pathname)) throw forbiddenPath(user, verb, url.pathname);
  if (req.method !== "GET" && req.method !== "HEAD") throw pathNotFound();
  const path = url.pathname.replace(/\/$/, "") || "/";
  if (path === "/healthz" || path === "/livez" || path === "/readyz") {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.end("ok");
    return;
  }
  const reply = discoveryReply(ctx, path, req.headers.accept);
  if (reply === undefined) throw pathNotFound();
  sendJson(res, 200, reply.body, reply.contentType);
}

/** `/version`, the discovery documents and the OpenAPI v3 documents. */
function discoveryReply(ctx: RouterContext, path: string, accept: string | undefined): Reply | undefined {
  const { registry } = ctx.cluster;
  const aggregated = wantsAggregated(accept);
  if (path === "/version") return { body: ctx.version };
  if (path === "/api") {
    return aggregated
      ? { body: aggregatedDiscovery(registry, true), contentType: AGGREGATED_V2 }
      : { body: apiVersions(ctx.serverAddress()) };
  }
  if (path === "/apis") {
    return aggregated
      ? { body: aggregatedDiscovery(registry, false), contentType: AGGREGATED_V2 }
      : { body: apiGroupList(registry) };
  }
  if (path === "/openapi/v3") return { body: openApiV3Root(registry) };
  const parts = path.split("/").filter((p) => p !== "");
  let body: unknown;
  if (parts[0] === "openapi" && parts[1] === "v3") {
    const [group, version] = parts[2] === "api" ? ["", parts[3]] : [parts[3] ?? "", parts[4]];
    if (version !== undefined && apiResourceList(registry, group, version) !== undefined) {
      body = openApiV3Document(registry, group, version);
    }
  } else if (parts[0] === "api" && parts.length === 2) body = apiResourceList(registry, "", parts[1] ?? "");
  else if (parts[0] === "apis" && parts.length === 2) body = apiGroupOf(registry, parts[1] ?? "");
  else if (parts[0] === "apis" && parts.length === 3) body = apiResourceList(registry, parts[1] ?? "", parts[2] ?? "");
  return body === undefined ? undefined : { body };
}

function verbOf(method: string, path: ResourcePath, watch: boolean): string {
  switch (method) {
    case "GET":
    case "HEAD":
      return path.name === undefined ? (watch ? "watch" : "list") : watch ? "watch" : "get";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return path.name === undefined ? "deletecollection" : "delete";
    default:
      return method.toLowerCase();
  }
}

/** `fieldValidation` as the API server takes it; Warn when absent. */
function fieldValidationOf(url: URL): "Strict" | "Warn" | "Ignore" {
  const v = url.searchParams.get("fieldValidation") ?? "Warn";
  if (v === "Strict" || v === "Warn" || v === "Ignore") return v;
  throw badRequest(`fieldValidation parameter unsupported: ${v}`);
}

function dryRunOf(url: URL): boolean {
  const values = url.searchParams.getAll("dryRun");
  for (const v of values)
    if (v !== "All") throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return values.length > 0;
}

async function resource(
  ctx: RouterContext,
  user: User,
  req: IncomingMessage,
  url: URL,
  path: ResourcePath,
  res: ServerResponse,
): Promise<void> {
  const { cluster } = ctx;
  const method = req.method ?? "GET";
  const watch = path.watchPrefix || boolParam(url, "watch");
  const verb = verbOf(method, path, watch);
  const type = cluster.registry.find(path.group, path.version, path.plural);
  // Built-in groups answer unserved paths with a Status, CRD groups (and unknown ones) with the mux's plain 404.
  const builtinGroup = path.group === "" || cluster.registry.all().some((t) => t.group === path.group && !t.crd);
  const noSuchPath = () => (builtinGroup ? resourcePathNotFound() : pathNotFound());
  if (type === undefined || (path.namespace !== undefined && !type.namespaced)) throw noSuchPath();
  if (type.namespaced && path.namespace === undefined && verb !== "list" && verb !== "watch") {
    if (path.name !== undefined) throw noSuchPath();
    throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {});
  }
  if (path.subresource !== undefined && (path.subresource !== "status" || !type.statusSubresource)) throw noSuchPath();
  const attrs = {
    verb,
    group: type.group,
    resource: type.plural,
    ...(path.subresource === undefined ? {} : { subresource: path.subresource }),
    ...(path.namespace === undefined ? {} : { namespace: path.namespace }),
    ...(path.name === undefined ? {} : { name: path.name }),
  };
  if (!authorizeResource(user, attrs).allowed) throw forbidden(user, attrs);
  if (!type.verbs.includes(verb) && !(path.subresource === "status" && ["get", "update", "patch"].includes(verb))) {
    throw methodNotSupported(type, verb);
  }
  const ns = type.namespaced ? path.namespace : undefined;
  const listOpts: ListOptions = {
    ...optional("labelSelector", url.searchParams.get("labelSelector")),
    ...optional("fieldSelector", url.searchParams.get("fieldSelector")),
    ...optional("continue", url.searchParams.get("continue")),
    ...(url.searchParams.has("limit") ? { limit: Number(url.searchParams.get("limit")) } : {}),
  };
  if (verb === "watch") {
    const fieldSelector = path.name === undefined ? listOpts.fieldSelector : `metadata.name=${path.name}`;
    return serveWatch(
      { store: cluster.store, bookmarkIntervalMs: ctx.bookmarkIntervalMs },
      req,
      url,
      type,
      ns,
      { ...listOpts, ...optional("fieldSelector", fieldSelector ?? null) },
      res,
    );
  }
  if (verb === "get") {
    const obj = cluster.get(type, ns, path.name ?? "");
    return sendJson(
      res,
      200,
      wantsTable(req.headers.accept) ? toTable([obj], {}, columnsOf(type.kind, type.printerColumns)) : obj,
    );
  }
  if (verb === "list") {
    const list = listObjects(cluster.store, type, ns, listOpts);
    return sendJson(
      res,
      200,
      wantsTable(req.headers.accept)
        ? toTable(list.items, list.metadata, columnsOf(type.kind, type.printerColumns))
        : list,
    );
  }
  const body = decodeBody(await readBody(req), req.headers["content-type"]);
  const dryRun = dryRunOf(url);
  const warnings: string[] = [];
  const write = { dryRun, fieldValidation: fieldValidationOf(url), warnings };
  const subresource = path.subresource === "status" ? ({ subresource: "status" } as const) : {};
  const written = async (code: number, obj: unknown) => {
    if (!dryRun) await ctx.onWrite();
    if (warnings.length > 0)
      res.setHeader(
        "Warning",
        warnings.map((w) => `299 - ${JSON.stringify(w)}`),
      );
    sendJson(res, code, obj);
  };
  switch (verb) {
    case "create": {
      if (type.virtual) return sendJson(res, 201, review(type.kind, user, objectBody(body)));
      return written(201, cluster.create(type, ns, objectBody(body), write));
    }
    case "update":
      return written(200, cluster.replace(type, ns, path.name ?? "", objectBody(body), { ...write, ...subresource }));
    case "patch": {
      const patchType = patchTypeOf(req.headers["content-type"]);
      if (patchType === "apply" && (url.searchParams.get("fieldManager") ?? "") === "") {
        throw new ApiError(
          422,
          "Invalid",
          `PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch`,
          {
            group: "meta.k8s.io",
            kind: "PatchOptions",
            causes: [
              {
                reason: "FieldValueRequired",
                message: "Required value: is required for apply patch",
                field: "fieldManager",
              },
            ],
          },
        );
      }
      const existed = cluster.store.get(type, ns, path.name ?? "") !== undefined;
      const obj = cluster.patch(type, ns, path.name ?? "", patchType, body, { ...write, ...subresource });
      return written(existed ? 200 : 201, obj);
    }
    case "delete": {
      const gone = cluster.delete(type, ns, path.name ?? "", deleteOptions(body, dryRun));
      return written(200, deletedResponse(type, gone));
    }
    case "deletecollection": {
      const list = listObjects(cluster.store, type, ns, { ...listOpts, limit: 0 });
      const items = list.items.map((o) =>
        cluster.delete(type, o.metadata.namespace, o.metadata.name ?? "", { dryRun }),
      );
      return written(200, { ...list, items });
    }
    default:
      throw methodNotSupported(type, verb);
  }
}

function objectBody(body: unknown): KubeObject {
  if (!isRecord(body)) throw badRequest("the body of the request must be a JSON or YAML object");
  return body as KubeObject;
}

function deleteOptions(body: unknown, dryRun: boolean): DeleteOptions {
  const pre = isRecord(body) && isRecord(body.preconditions) ? body.preconditions : undefined;
  const bodyDryRun = isRecord(body) && Array.isArray(body.dryRun) && body.dryRun.includes("All");
  return {
    dryRun: dryRun || bodyDryRun,
    ...(pre === undefined
      ? {}
      : {
          preconditions: {
            ...(typeof pre.uid === "string" ? { uid: pre.uid } : {}),
            ...(typeof pre.resourceVersion === "string" ? { resourceVersion: pre.resourceVersion } : {}),
          },
        }),
  };
}

/**
 * What a delete answers: a namespace as it starts terminating, a pod as the deleted object (graceful deletion), and
 * everything else (custom resources included) a Success Status naming the object.
 */
function deletedResponse(type: ResourceType, gone: KubeObject): unknown {
  if (type.kind === "Pod") return gone;
  if (type.kind === "Namespace") {
    return {
      ...gone,
      metadata: { ...gone.metadata, deletionTimestamp: kubeTime() },
      status: { ...(isRecord(gone.status) ? gone.status : {}), phase: "Terminating" },
    };
  }
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    details: { name: gone.metadata.name, ...groupField(type.group), kind: type.plural, uid: gone.metadata.uid },
  };
}
