import { type Static, Type } from "typebox";

/**
 * State-changing requests (POST/PUT/DELETE) must carry this header (any non-empty value) and come from the same
 * origin; otherwise 403 `CsrfRejected`. Browsers cannot add it cross-origin without a CORS preflight, which Palisade
 * never grants.
 */
export const CSRF_HEADER = "x-palisade-csrf";

/** `GET /api/v1/server`: what the UI needs to know about the Palisade server itself. */
export const ServerInfo = Type.Object({
  version: Type.String(),
  readOnly: Type.Boolean(),
  /** How requests reach the cluster: the server's own credentials, impersonation, or the user's bearer token. */
  authMode: Type.Union([Type.Literal("server"), Type.Literal("impersonate"), Type.Literal("token")]),
  defaultCluster: Type.String(),
  csrfHeader: Type.String(),
});
export type ServerInfo = Static<typeof ServerInfo>;

/** A cluster that does not answer: its status, since when (ISO time), and why. */
export const UnreachableCluster = Type.Object({
  cluster: Type.String(),
  status: Type.String(),
  since: Type.String(),
  message: Type.Optional(Type.String()),
});
export type UnreachableCluster = Static<typeof UnreachableCluster>;

/**
 * `GET /healthz` and `GET /readyz` (503 with the same shape when not ready). `degraded`: ready, serving the cache,
 * but some cluster does not answer (`unreachable` says which); once every cluster has been unreachable longer than
 * the server's `--unready-after`, `not-ready`.
 */
export const Health = Type.Object({
  status: Type.Union([Type.Literal("ok"), Type.Literal("ready"), Type.Literal("degraded"), Type.Literal("not-ready")]),
  /** For /readyz: the caches not yet synced, as `cluster/Resource`. */
  unsynced: Type.Optional(Type.Array(Type.String())),
  /** For /readyz: the clusters that do not answer. */
  unreachable: Type.Optional(Type.Array(UnreachableCluster)),
});
export type Health = Static<typeof Health>;

/**
 * The Content-Security-Policy Palisade serves: only its own scripts; Monaco's web workers from the same origin or
 * blob: URLs; inline styles (Monaco and cytoscape set element styles); data: fonts and images (Monaco's codicons).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");
