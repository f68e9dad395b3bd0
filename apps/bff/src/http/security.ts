import { CSP, CSRF_HEADER } from "@palisade/contract";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../errors";

export interface SecurityOptions {
  readonly readOnly: boolean;
  readonly writesPerMinute: number;
}

/** Route config flag: the route changes the cluster (refused in read-only mode, rate limited). */
export interface RouteFlags {
  readonly write?: boolean;
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Browser-facing hardening for every route: CSRF (same origin plus a custom header that a cross-origin page cannot
 * send without a preflight Palisade never grants), `--read-only`, per-client write rate limits, and security headers
 * with a CSP that still lets Monaco's workers run.
 */
export function registerSecurity(app: FastifyInstance, options: SecurityOptions): void {
  const buckets = new Map<string, { tokens: number; at: number }>();
  app.addHook("onRequest", async (req) => {
    if (STATE_CHANGING.has(req.method)) checkCsrf(req);
    const flags = (req.routeOptions.config ?? {}) as RouteFlags;
    if (flags.write === true) {
      if (options.readOnly)
        throw new HttpError("ReadOnly", "Palisade runs with --read-only: applying and deleting are disabled");
      // Behind an authenticating proxy every user shares its address: count per user where the user is known.
      const who = req.caller?.identity.mode === "impersonate" ? `user:${req.caller.user}` : `ip:${req.ip}`;
      takeWriteToken(buckets, who, options.writesPerMinute);
    }
  });
  app.addHook("onSend", async (_req: FastifyRequest, reply: FastifyReply, payload) => {
    reply.header("content-security-policy", CSP);
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "no-referrer");
    reply.header("cross-origin-opener-policy", "same-origin");
    reply.header("cross-origin-resource-policy", "same-origin");
    reply.header("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (reply.getHeader("cache-control") === undefined && _req.url.startsWith("/api/")) {
      reply.header("cache-control", "no-store");
    }
    return payload;
  });
}

function checkCsrf(req: FastifyRequest): void {
  const token = req.headers[CSRF_HEADER];
  if (typeof token !== "string" || token === "") {
    throw new HttpError("CsrfRejected", `state-changing requests must carry the ${CSRF_HEADER} header`);
  }
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    throw new HttpError("CsrfRejected", `cross-site request refused (Sec-Fetch-Site: ${String(site)})`);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== "null") {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new HttpError("CsrfRejected", `malformed Origin header "${origin}"`);
    }
    if (originHost !== req.headers.host) {
      throw new HttpError("CsrfRejected", `cross-origin request from ${origin} refused`);
    }
  } else if (origin === "null") {
    throw new HttpError("CsrfRejected", "requests from an opaque origin are refused");
  }
}

/** A token bucket per client: `perMinute` writes, refilled continuously. */
function takeWriteToken(buckets: Map<string, { tokens: number; at: number }>, who: string, perMinute: number): void {
  const now = Date.now();
  const b = buckets.get(who) ?? { tokens: perMinute, at: now };
  b.tokens = Math.min(perMinute, b.tokens + ((now - b.at) / 60_000) * perMinute);
  b.at = now;
  if (b.tokens < 1) {
    buckets.set(who, b);
    throw new HttpError("RateLimited", `too many writes: at most ${perMinute} per minute; try again shortly`);
  }
  b.tokens -= 1;
  buckets.set(who, b);
  if (buckets.size > 10_000) buckets.clear();
}
