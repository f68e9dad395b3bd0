import { type Static, Type } from "typebox";

/**
 * A field-level problem. `path` is a JSON-ish path such as `spec.ingress[0].destination.ports[1]` (or a request
 * field such as `selector` or `yaml`). For problems inside submitted YAML, `document` is the 0-based document index
 * and `line`/`column` (1-based) locate it in the submitted text; for selectors, `offset` is the 0-based character
 * offset of the parse error.
 */
export const FieldError = Type.Object({
  path: Type.String(),
  message: Type.String(),
  document: Type.Optional(Type.Integer({ minimum: 0 })),
  line: Type.Optional(Type.Integer({ minimum: 1 })),
  column: Type.Optional(Type.Integer({ minimum: 1 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type FieldError = Static<typeof FieldError>;

/**
 * The one error body every route returns. `code` is one of {@link ERROR_CODES}. Routes that process documents
 * (apply, delete) may add a `result` with per-document outcomes; see `ApplyErrorBody` and `DeleteErrorBody`.
 */
export const ErrorBody = Type.Object({
  statusCode: Type.Integer(),
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Array(FieldError)),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** Every `code` the BFF emits, with the HTTP status it goes with. */
export const ERROR_CODES = {
  /** 400: the request failed its schema (details name the fields). */
  BadRequest: 400,
  /** 400: the submitted YAML does not parse (details carry line and column). */
  MalformedYaml: 400,
  /** 400: a selector does not parse (details carry the offset). */
  InvalidSelector: 400,
  /** 400: a document's apiVersion/kind is not one Palisade manages. */
  UnknownKind: 400,
  /** 401: the cluster rejected the credentials. */
  Unauthorized: 401,
  /** 403: the cluster's RBAC refused; the message is the cluster's own. */
  Forbidden: 403,
  /** 403: a state-changing request without the CSRF header or from another origin. */
  CsrfRejected: 403,
  /** 403: the server runs with --read-only. */
  ReadOnly: 403,
  /** 403: the Host header names a host the server is not reached by (DNS rebinding guard; see --allowed-host). */
  HostRejected: 403,
  /** 404: no such route, object or endpoint. */
  NotFound: 404,
  /** 404: no cluster of that name. */
  ClusterNotFound: 404,
  /** 409: a concurrent change; the result carries both versions. */
  Conflict: 409,
  /** 409: create of an object that already exists. */
  AlreadyExists: 409,
  /** 409: applying a policy set would cut a worker off; the user must confirm with the cluster's name. */
  LockOut: 409,
  /** 413: request body over 1 MiB, or more documents than one request may carry. */
  PayloadTooLarge: 413,
  /** 415: a body that is not JSON. */
  UnsupportedMediaType: 415,
  /** 422: documents failed validation (Palisade's or the cluster's); details carry field paths. */
  InvalidDocuments: 422,
  /** 429: too many writes or costly requests from one identity; `Retry-After` says when to try again. */
  RateLimited: 429,
  /** 500: a write failed part-way and the rollback could not restore everything (the result says what). */
  RollbackFailed: 500,
  /** 500: a bug in Palisade (logged on the server under the request id the message gives). */
  Internal: 500,
  /** 502: the cluster could not be reached or answered with an error. */
  ClusterUnavailable: 502,
  /** 503: the cluster's caches are not synced yet (or it is reconnecting). */
  ClusterNotReady: 503,
  /** 503: the server is overloaded (its event loop lags); `Retry-After` says when to try again. */
  Overloaded: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;
