import { createHash } from "node:crypto";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyUnderPressure from "@fastify/under-pressure";
import { API_PREFIX, CSP, CSRF_HEADER } from "@palisade/contract";
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import { HttpError } from "../errors";
import type { RouteReads } from "./access";
import { hostAllowed } from "./hosts";
import { normaliseAddress } from "./identity";

export interface SecurityOptions {
  readonly readOnly: boolean;
  /** Writes (apply, delete) per identity per minute. */
  readonly writesPerMinute: number;
  /** Costly reads (validate, diff, dry-run, explain, previews, generators) per identity per minute. */
  readonly costlyPerMinute: number;
  /** Host names accepted in `Host` (see `allowedHostNames`); `*` accepts any. */
  readonly allowedHosts: ReadonlySet<string>;
  /** Proxies whose `X-Forwarded-Proto` is believed for the Origin check. */
  readonly trustedProxies: ReadonlySet<string>;
  /** Event-loop delay (ms) beyond which requests get 503 `Overloaded`; 0 turns the check off. */
  readonly maxEventLoopDelayMs: number;
}

declare module "fastify" {
  interface FastifyContextConfig extends RouteFlags {
    /** What the route answers with, for the caller's read check (`http/access.ts`). */
    reads?: RouteReads;
  }
}

/** Route config flags. */
export interface RouteFlags {
  /** Changes the cluster: refused in read-only mode, counted against the write rate limit. */
  readonly write?: boolean;
  /** Parses and validates documents or builds a what-if model: counted against the costly-request rate limit. */
  readonly costly?: boolean;
  /** Health probes: answered even when the server is overloaded. */
  readonly probe?: boolean;
}

export function routeFlags(req: FastifyRequest): RouteFlags {
  return req.routeOptions.config;
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Seconds a client is told to wait when the server is overloaded. */
const OVERLOAD_RETRY_AFTER_S = 5;

/**
 * Browser-facing hardening for every route: the Host allow-list (DNS rebinding), CSRF (same origin, scheme included,
 * plus a custom header that a cross-origin page cannot send without a preflight Palisade never grants),
 * `--read-only`, per-identity rate limits on writes and costly requests (@fastify/rate-limit, with Retry-After),
 * 503 with Retry-After while the event loop lags (@fastify/under-pressure), and security headers (@fastify/helmet)
 * with a CSP that still lets Monaco's workers run. Call before any route is registered.
 */
export async function registerSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  app.addHook("onRequest", async (req) => {
    if (!hostAllowed(req.headers.host, options.allowedHosts)) {
      throw new HttpError(
        "HostRejected",
        "this server is not reached by that host name; an operator can allow it with --allowed-host",
      );
    }
    if (STATE_CHANGING.has(req.method)) checkCsrf(req, options.trustedProxies);
    if (routeFlags(req).write === true && options.readOnly) {
      throw new HttpError("ReadOnly", "Palisade runs with --read-only: applying and deleting are disabled");
    }
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(CSP) },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    crossOriginResourcePolicy: { policy: "same-origin" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    // Served over plain HTTP on loopback; HSTS belongs to the TLS-terminating proxy in front, if any.
    strictTransportSecurity: false,
  });
  app.addHook("onRequest", async (req, reply) => {
    reply.header("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (isApiRequest(req)) reply.header("cache-control", "no-store");
  });
  if (options.maxEventLoopDelayMs > 0) {
    await app.register(fastifyUnderPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      pressureHandler: async (req, reply) => {
        // A lagging event loop must not fail the probes: a restart would drop the caches that take longest to build.
        if (routeFlags(req).probe === true) return;
        reply.header("retry-after", OVERLOAD_RETRY_AFTER_S);
        throw new HttpError("Overloaded", `the server is overloaded; try again in ${OVERLOAD_RETRY_AFTER_S} s`);
      },
    });
  }
  await app.register(fastifyRateLimit, {
    global: false,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (req, context) =>
      new HttpError(
        "RateLimited",
        `too many ${routeFlags(req).write === true ? "writes" : "validations, diffs, dry runs and explains"}: at most ${context.max} per minute; try again in ${context.after}`,
      ),
  });
  // One budget per class of route (all writes share one, all costly reads another), per identity.
  const limiters = {
    write: app.rateLimit({ max: options.writesPerMinute, timeWindow: 60_000 }),
    costly: app.rateLimit({ max: options.costlyPerMinute, timeWindow: 60_000 }),
  };
  app.addHook("onRoute", (route) => {
    const flags: RouteFlags = route.config ?? {};
    const limiter = flags.write === true ? limiters.write : flags.costly === true ? limiters.costly : undefined;
    if (limiter === undefined) return;
    const hooks = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...hooks, limiter as onRequestAsyncHookHandler];
  });
}

/**
 * The identity a rate limit counts: behind an authenticating proxy everyone shares its address, so the user (or a
 * hash of their token) where one is known, else the client address.
 */
function rateLimitKey(req: FastifyRequest): string {
  const identity = req.caller?.identity;
  if (identity?.mode === "impersonate") return `user:${identity.user}`;
  if (identity?.mode === "token") return `token:${createHash("sha256").update(identity.token).digest("hex")}`;
  return `ip:${req.ip}`;
}

/** An API route, by the path the router matched (or, for no route, the decoded path). */
function isApiRequest(req: FastifyRequest): boolean {
  const path = req.routeOptions.url ?? decodedPath(req.url);
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

/** The path part of a URL with its percent-escapes decoded, as the router sees it; the raw path if undecodable. */
export function decodedPath(url: string): string {
  const path = url.split("?")[0] ?? "";
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** `default-src 'self'; ...` as helmet's directives object. */
function cspDirectives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

function checkCsrf(req: FastifyRequest, trustedProxies: ReadonlySet<string>): void {
  const token = req.headers[CSRF_HEADER];
  if (typeof token !== "string" || token === "") {
    throw new HttpError("CsrfRejected", `state-changing requests must carry the ${CSRF_HEADER} header`);
  }
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    throw new HttpError("CsrfRejected", `cross-site request refused (Sec-Fetch-Site: ${String(site)})`);
  }
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (origin === "null") throw new HttpError("CsrfRejected", "requests from an opaque origin are refused");
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new HttpError("CsrfRejected", `malformed Origin header "${origin}"`);
  }
  const expected = `${requestScheme(req, trustedProxies)}://${(req.headers.host ?? "").toLowerCase()}`;
  if (`${url.protocol}//${url.host}` !== expected) {
    throw new HttpError("CsrfRejected", `cross-origin request from ${origin} refused (this origin is ${expected})`);
  }
}

/** The scheme the browser used: the connection's, or a trusted proxy's `X-Forwarded-Proto` (TLS ends there). */
function requestScheme(req: FastifyRequest, trustedProxies: ReadonlySet<string>): string {
  const forwarded = req.headers["x-forwarded-proto"];
  const peer = normaliseAddress(req.socket.remoteAddress ?? "");
  if (typeof forwarded === "string" && trustedProxies.has(peer)) {
    return forwarded.split(",")[0]?.trim().toLowerCase() ?? req.protocol;
  }
  return req.protocol;
}
