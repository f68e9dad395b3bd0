import { existsSync } from "node:fs";
import { relative, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { API_PREFIX, MAX_BODY_BYTES } from "@palisade/contract";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { AuditLog } from "./audit/log";
import type { AuthMode } from "./config";
import { errorHandler, HttpError } from "./errors";
import { normaliseAddress, type RequestIdentity, resolveIdentity } from "./http/identity";
import { registerSecurity } from "./http/security";
import { mayRead } from "./kube/permissions";
import type { ClusterRegistry } from "./kube/registry";
import { auditRoutes } from "./routes/audit";
import { clusterRoutes } from "./routes/clusters";
import type { RouteContext } from "./routes/context";
import { documentRoutes } from "./routes/documents";
import { endpointRoutes } from "./routes/endpoints";
import { eventRoutes } from "./routes/events";
import { explainRoutes } from "./routes/explain";
import { generatorRoutes } from "./routes/generators";
import { graphRoutes } from "./routes/graph";
import { healthRoutes } from "./routes/health";
import { permissionRoutes } from "./routes/permissions";
import { policyRoutes } from "./routes/policies";
import { policySetRoutes } from "./routes/policy-sets";
import { serverInfoRoutes } from "./routes/server-info";
import { serviceRoutes } from "./routes/services";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is asking (resolved for every /api request). */
    caller: RequestIdentity;
  }
}

export interface AppOptions {
  readonly clusters: ClusterRegistry;
  readonly audit: AuditLog;
  readonly readOnly?: boolean;
  readonly auth?: AuthMode;
  readonly trustedProxies?: readonly string[];
  readonly writesPerMinute?: number;
  /** The built SPA (apps/web/dist); served at / when present. */
  readonly webRoot?: string | undefined;
  readonly logger?: FastifyServerOptions["logger"];
  readonly version?: string;
}

/** Builds the Fastify instance without listening, so tests use `app.inject`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
  }).withTypeProvider<TypeBoxTypeProvider>();
  const ctx: RouteContext = {
    clusters: options.clusters,
    audit: options.audit,
    readOnly: options.readOnly ?? false,
    auth: options.auth ?? "server",
    version: options.version ?? "0.0.0",
  };
  const trusted = new Set((options.trustedProxies ?? []).map(normaliseAddress));
  app.setErrorHandler(errorHandler);
  app.decorateRequest("caller", undefined as unknown as RequestIdentity);
  app.addHook("onRequest", async (req) => {
    if (req.url.startsWith(`${API_PREFIX}/`) && !req.url.startsWith(`${API_PREFIX}/openapi.json`)) {
      req.caller = resolveIdentity(req, ctx.auth, trusted);
    }
  });
  registerSecurity(app, { readOnly: ctx.readOnly, writesPerMinute: options.writesPerMinute ?? 60 });
  // Acting as the user: the cache is shared, so whether the user may see a cluster's policies is the cluster's call.
  app.addHook("preHandler", async (req) => {
    const name = (req.params as { cluster?: unknown } | undefined)?.cluster;
    if (ctx.auth === "server" || typeof name !== "string") return;
    const cluster = ctx.clusters.get(name);
    if (cluster === undefined || !cluster.ready) return;
    const read = await mayRead(cluster, req.caller.identity);
    if (!read.allowed) {
      throw new HttpError(
        "Forbidden",
        `you may not read Calico policies on cluster ${name}: ${read.reason ?? "RBAC denies it"}`,
      );
    }
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Palisade API", version: ctx.version, description: "Calico network policy console backend" },
      servers: [],
    },
  });
  await app.register(healthRoutes, { ctx });
  await app.register(
    async (api) => {
      await api.register(serverInfoRoutes, { ctx });
      await api.register(clusterRoutes, { ctx });
      await api.register(policyRoutes, { ctx });
      await api.register(endpointRoutes, { ctx });
      await api.register(graphRoutes, { ctx });
      await api.register(serviceRoutes, { ctx });
      await api.register(documentRoutes, { ctx });
      await api.register(explainRoutes, { ctx });
      await api.register(generatorRoutes, { ctx });
      await api.register(policySetRoutes, { ctx });
      await api.register(eventRoutes, { ctx });
      await api.register(permissionRoutes, { ctx });
      await api.register(auditRoutes, { ctx });
      api.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: API_PREFIX },
  );
  const webRoot = options.webRoot;
  const servesSpa = webRoot !== undefined && existsSync(webRoot);
  app.setNotFoundHandler((req, reply) => {
    if (!servesSpa || !isClientRoute(req.method, req.url)) {
      void reply.status(404).send({ statusCode: 404, code: "NotFound", message: `no route ${req.method} ${req.url}` });
      return;
    }
    // Client-side routes fall back to the SPA's shell, revalidated on every load so a new release's scripts are used.
    void reply.header("cache-control", "no-cache").sendFile("index.html");
  });
  if (servesSpa) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      // Vite names built files by their content: they never change, so browsers keep them; the shell is revalidated.
      setHeaders: (res, path) => {
        const built = relative(webRoot, path).startsWith(`${ASSETS_DIR}${sep}`);
        res.header("cache-control", built ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }
  return app;
}

/** Where Vite puts the files it names by their content hash (apps/web's build). */
const ASSETS_DIR = "assets";

/**
 * A request the SPA's shell should answer: a page the browser navigates to. Not the API, and not a built file that is
 * missing (an old release's chunk asked for by a tab opened before an upgrade): those get a 404, not HTML where a
 * script was expected.
 */
function isClientRoute(method: string, url: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const path = url.split("?")[0] ?? "";
  return !path.startsWith("/api/") && !path.startsWith(`/${ASSETS_DIR}/`);
}
