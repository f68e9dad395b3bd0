import { HttpMethod, type KubeConfig, RequestContext } from "@kubernetes/client-node";
import { type Dispatcher, request } from "undici";

/** A Kubernetes `Status` object, as API servers send with every error. */
export interface KubeStatus {
  readonly kind?: string;
  readonly code?: number;
  readonly reason?: string;
  readonly message?: string;
  readonly details?: {
    readonly name?: string;
    readonly kind?: string;
    readonly causes?: readonly { readonly field?: string; readonly message?: string; readonly reason?: string }[];
  };
}

/** A failed cluster request: the HTTP status (0 when the cluster was unreachable) and its Status body. */
export class KubeError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: string,
    message: string,
    readonly status: KubeStatus | undefined,
  ) {
    super(message);
  }
}

/** Who a request acts as: the server's own credentials, an impersonated user, or the user's bearer token. */
export type Identity =
  | { readonly mode: "server" }
  | { readonly mode: "impersonate"; readonly user: string; readonly groups: readonly string[] }
  | { readonly mode: "token"; readonly token: string };

export const SERVER_IDENTITY: Identity = { mode: "server" };

export interface RequestOptions {
  readonly query?: Record<string, string | number | boolean | undefined>;
  readonly body?: unknown;
  readonly identity?: Identity;
  /** For PATCH: the content type (merge patch by default). */
  readonly contentType?: string;
}

const METHODS: Record<string, HttpMethod> = {
  GET: HttpMethod.GET,
  POST: HttpMethod.POST,
  PUT: HttpMethod.PUT,
  PATCH: HttpMethod.PATCH,
  DELETE: HttpMethod.DELETE,
};

const REQUEST_TIMEOUT_MS = 30_000;

/** How long one connection pool serves a cluster before a fresh one takes over (client certificates can rotate). */
const POOL_LIFETIME_MS = 10 * 60_000;

/**
 * The one place that sends HTTP requests to a cluster. Authentication and TLS come from client-node's KubeConfig
 * (exactly as its generated clients do); errors become {@link KubeError}s carrying the cluster's Status.
 */
export class KubeClient {
  private pool: { readonly dispatcher: Dispatcher; readonly until: number } | undefined;

  constructor(
    readonly kubeConfig: KubeConfig,
    readonly server: string,
  ) {}

  /**
   * The connection pool for this request. client-node builds a new agent for every request, so each one would make
   * its own TLS handshake on a new connection (a 500-document dry-run: 500 handshakes at once, seconds of CPU on the
   * event loop) and leave it open; one pool per cluster reuses kept-alive connections.
   */
  private dispatcher(fresh: Dispatcher | undefined): Dispatcher | undefined {
    if (fresh === undefined) return undefined;
    const now = Date.now();
    if (this.pool === undefined || now >= this.pool.until) {
      // Requests in flight on the old pool finish; then its connections close.
      this.pool?.dispatcher.close().catch(() => undefined);
      this.pool = { dispatcher: fresh, until: now + POOL_LIFETIME_MS };
    }
    return this.pool.dispatcher;
  }

  async request<T>(method: keyof typeof METHODS, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(this.server.replace(/\/$/, "") + path);
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const ctx = new RequestContext(url.toString(), METHODS[method] ?? HttpMethod.GET);
    await this.kubeConfig.applySecurityAuthentication(ctx);
    const identity = options.identity ?? SERVER_IDENTITY;
    const headers: string[] = [];
    for (const [k, v] of Object.entries(ctx.getHeaders())) {
      // The user's own token replaces the server's credentials, never joins them.
      if (!(identity.mode === "token" && k.toLowerCase() === "authorization")) headers.push(k, v);
    }
    headers.push(...identityHeaders(identity), "accept", "application/json");
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      const type = options.contentType ?? (method === "PATCH" ? "application/merge-patch+json" : "application/json");
      headers.push("content-type", type);
    }
    let statusCode: number;
    let text: string;
    try {
      const res = await request(url, {
        method,
        headers,
        body,
        dispatcher: this.dispatcher(ctx.getDispatcher()),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      statusCode = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw new KubeError(0, "Unreachable", `cannot reach ${this.server}: ${describeError(err)}`, undefined);
    }
    const parsed = parseJson(text);
    if (statusCode >= 400) {
      const status = isStatus(parsed) ? parsed : undefined;
      const message = status?.message ?? (text.trim() === "" ? `HTTP ${statusCode}` : text.trim().slice(0, 500));
      throw new KubeError(statusCode, status?.reason ?? `Http${statusCode}`, message, status);
    }
    return parsed as T;
  }
}

/**
 * Impersonation headers (one `Impersonate-Group` line per group, as Kubernetes expects repeated headers), or the
 * user's own bearer token replacing the server's credentials.
 */
function identityHeaders(identity: Identity): string[] {
  if (identity.mode === "impersonate") {
    return ["impersonate-user", identity.user, ...identity.groups.flatMap((g) => ["impersonate-group", g])];
  }
  if (identity.mode === "token") return ["authorization", `Bearer ${identity.token}`];
  return [];
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isStatus(v: unknown): v is KubeStatus {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "Status";
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof Error) return cause.message;
    return err.message;
  }
  return String(err);
}
