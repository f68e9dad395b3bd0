import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { relative, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from "@fastify/type-provider-typebox";
import { API_PREFIX, MAX_BODY_BYTES } from "@palisade/contract";
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController, type RouteOptions } from "fastify";
import type { AuditStore } from "./audit/store";
import { AuditTrail } from "./audit/trail";
import type { ClusterRegistry } from "./clusters/registry";
import { type AuthMode, DEFAULT_UNREADY_AFTER_S } from "./config";
import { errorHandler } from "./errors";
import { registerAccess } from "./http/access";
import { allowedHostNames } from "./http/hosts";
import { normaliseAddress, type RequestIdentity } from "./http/identity";
import { registerJsonParser } from "./http/json";
import { decodedPath, registerSecurity } from "./http/security";
import { auditRoutes } from "./routes/audit";
import { clusterRoutes } from "./routes/clusters";
import { connectivityRoutes } from "./routes/connectivity";
import type { RouteContext } from "./routes/context";
import { documentRoutes } from "./routes/documents";
import { endpointRoutes } from "./routes/endpoints";
import { eventRoutes } from "./routes/events";
import { explainRoutes } from "./routes/explain";
import { flowRoutes } from "./routes/flows";
import { generatorRoutes } from "./routes/generators";
import { graphRoutes } from "./routes/graph";
import { healthRoutes } from "./routes/health";
import { permissionRoutes } from "./routes/permissions";
import { policyRoutes } from "./routes/policies";
import { policySetRoutes } from "./routes/policy-sets";
import { serverInfoRoutes } from "./routes/server-info";
import { serviceRoutes } from "./routes/services";
import { stagedRoutes } from "./routes/staged";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is asking (resolved for every API route but the OpenAPI document). */
    caller: RequestIdentity;
    /** The clusters the caller may read, for `any-cluster` routes (`http/access.ts`). */
    readable: ReadonlySet<string>;
  }
  interface FastifyInstance {
    /** Every route registered, as Fastify's onRoute hook saw it (tests walk it: nothing may be forgotten). */
    routeTable: readonly RouteOptions[];
  }
}

export interface AppOptions {
  readonly clusters: ClusterRegistry;
  /** Where the change history is kept; each entry is also logged (one JSON line with the JSON logger). */
  readonly audit: AuditStore;
  readonly readOnly?: boolean;
  readonly auth?: AuthMode;
  readonly trustedProxies?: readonly string[];
  /** The header a trusted proxy names the user in (`impersonate`); default X-Remote-User. */
  readonly userHeader?: string;
  readonly writesPerMinute?: number;
  /** Validations, diffs, dry runs, explains and previews per identity per minute. */
  readonly costlyPerMinute?: number;
  /** Host names accepted in `Host` (`allowedHostNames`); default: the loopback names. `*` accepts any. */
  readonly allowedHosts?: readonly string[];
  /** `/readyz` fails once every cluster has been unreachable this long (ms); default 5 minutes. */
  readonly unreadyAfterMs?: number;
  /** Event-loop delay (ms) beyond which requests are refused with 503 until it recovers; 0 or unset: never. */
  readonly maxEventLoopDelayMs?: number;
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
    // Short ids keep the log small; unique enough to find one request's lines.
    genReqId: () => randomBytes(6).toString("base64url"),
    // One line per request (onResponse below) instead of Fastify's two, which carried the client's port and host.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxTypeProvider>();
  const ctx: RouteContext = {
    clusters: options.clusters,
    audit: new AuditTrail(options.audit, (entry) => app.log.info({ audit: entry }, "audit")),
    readOnly: options.readOnly ?? false,
    auth: options.auth ?? "server",
    ...(options.userHeader === undefined ? {} : { userHeader: options.userHeader.toLowerCase() }),
    version: options.version ?? "0.0.0",
    unreadyAfterMs: options.unreadyAfterMs ?? DEFAULT_UNREADY_AFTER_S * 1000,
  };
  const routes: RouteOptions[] = [];
  app.decorate("routeTable", routes);
  app.addHook("onRoute", (route) => {
    routes.push(route);
  });
  const trusted = new Set((options.trustedProxies ?? []).map(normaliseAddress));
  // Bodies are checked as sent: no coercion ("123" is not a number, null is not ""); query and path parameters,
  // which are strings on the wire, are converted to their schema's types.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  // JSON only: a text/plain body is 415, not a string that fails the schema.
  registerJsonParser(app);
  app.setErrorHandler(errorHandler);
  app.addHook("onResponse", async (req, reply) => {
    req.log.info({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) });
  });
  app.decorateRequest("caller", undefined as unknown as RequestIdentity);
  app.decorateRequest("readable", undefined as unknown as ReadonlySet<string>);
  await registerSecurity(app, {
    readOnly: ctx.readOnly,
    writesPerMinute: options.writesPerMinute ?? 60,
    costlyPerMinute: options.costlyPerMinute ?? 300,
    allowedHosts: new Set(options.allowedHosts ?? allowedHostNames("127.0.0.1", [])),
    trustedProxies: trusted,
    maxEventLoopDelayMs: options.maxEventLoopDelayMs ?? 0,
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
      registerAccess(api, ctx, trusted);
      await api.register(serverInfoRoutes, { ctx });
      await api.register(clusterRoutes, { ctx });
      await api.register(policyRoutes, { ctx });
      await api.register(endpointRoutes, { ctx });
      await api.register(graphRoutes, { ctx });
      await api.register(serviceRoutes, { ctx });
      await api.register(documentRoutes, { ctx });
      await api.register(connectivityRoutes, { ctx });
      await api.register(explainRoutes, { ctx });
      await api.register(flowRoutes, { ctx });
      await api.register(stagedRoutes, { ctx });
      await api.register(generatorRoutes, { ctx });
      await api.register(policySetRoutes, { ctx });
      await api.register(eventRoutes, { ctx });
      await api.register(permissionRoutes, { ctx });
      await api.register(auditRoutes, { ctx });
      api.get("/openapi.json", { schema: { hide: true }, config: { reads: "public" } }, async () => app.swagger());
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
  const path = decodedPath(url);
  return !path.startsWith("/api/") && !path.startsWith(`/${ASSETS_DIR}/`);
}
