import type { ErrorBody, ErrorCode, FieldError } from "@palisade/contract";
import { ERROR_CODES } from "@palisade/contract";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { KubeError } from "./kube/http";

/** An error that knows the reply it should become: one of the contract's codes, its status, and details. */
export class HttpError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: readonly FieldError[],
    /** Extra body fields for routes whose error body carries a result (apply, delete). */
    readonly extra?: Record<string, unknown>,
    statusCode?: number,
  ) {
    super(message);
    this.statusCode = statusCode ?? ERROR_CODES[code];
  }

  body(): ErrorBody & Record<string, unknown> {
    return {
      statusCode: this.statusCode,
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: [...this.details] }),
      ...this.extra,
    };
  }
}

export const notFound = (what: string): HttpError => new HttpError("NotFound", `${what} does not exist`);

/**
 * A cluster's refusal becomes the matching contract error, keeping the cluster's own message (a 403 stays a 403
 * with the RBAC message; 422 causes become field errors).
 */
export function fromKubeError(err: KubeError, what: string): HttpError {
  const causes = err.status?.details?.causes ?? [];
  const details = causes.map((c) => ({ path: c.field ?? "", message: c.message ?? c.reason ?? "invalid" }));
  switch (err.statusCode) {
    case 401:
      return new HttpError("Unauthorized", `the cluster rejected the credentials: ${err.message}`);
    case 403:
      return new HttpError("Forbidden", err.message);
    case 404:
      return new HttpError("NotFound", err.message);
    case 409:
      return new HttpError(err.reason === "AlreadyExists" ? "AlreadyExists" : "Conflict", err.message);
    case 400:
    case 422:
      return new HttpError("InvalidDocuments", `the cluster rejected ${what}: ${err.message}`, details);
    default:
      return new HttpError("ClusterUnavailable", `the cluster request failed: ${err.message}`);
  }
}

/** Maps every error to the one body shape `{statusCode, code, message, details?}`. */
export function errorHandler(
  err: FastifyError | HttpError | KubeError,
  req: FastifyRequest,
  reply: FastifyReply,
): void {
  let body: ErrorBody & Record<string, unknown>;
  if (err instanceof HttpError) {
    body = err.body();
  } else if (err instanceof KubeError) {
    body = fromKubeError(err, "the request").body();
  } else if ("validation" in err && err.validation !== undefined) {
    body = {
      statusCode: 400,
      code: "BadRequest",
      message: `invalid request: ${err.message}`,
      details: err.validation.map((v) => ({
        path: `${err.validationContext ?? ""}${v.instancePath.replaceAll("/", ".")}`,
        message: v.message ?? "invalid",
      })),
    };
  } else if (err.statusCode === 413 || err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    body = { statusCode: 413, code: "PayloadTooLarge", message: "the request body is over 1 MiB; split the documents" };
  } else if (err.statusCode === 415 || err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    body = { statusCode: 415, code: "UnsupportedMediaType", message: "send the body as application/json" };
  } else if (typeof err.statusCode === "number" && err.statusCode < 500) {
    body = { statusCode: err.statusCode, code: "BadRequest", message: err.message };
  } else {
    // The message may hold internals (paths, object contents): it goes to the log, the client gets the request id.
    req.log.error({ err }, "request failed");
    body = {
      statusCode: 500,
      code: "Internal",
      message: `internal error; the server log has the details under request id ${req.id}`,
    };
  }
  void reply.status(body.statusCode).send(body);
}
