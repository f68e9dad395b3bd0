import type { ErrorBody } from "@palisade/contract";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";

/** An error that knows the reply it should become. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Maps every error to the one body shape `{statusCode, code, message, details?}`. */
export function errorHandler(err: FastifyError | HttpError, req: FastifyRequest, reply: FastifyReply): void {
  let body: ErrorBody;
  if (err instanceof HttpError) {
    body = { statusCode: err.statusCode, code: err.code, message: err.message };
  } else if ("validation" in err && err.validation !== undefined) {
    body = {
      statusCode: 400,
      code: "BadRequest",
      message: err.message,
      details: err.validation.map((v) => ({ path: v.instancePath, message: v.message ?? "invalid" })),
    };
  } else if (typeof err.statusCode === "number" && err.statusCode < 500) {
    body = { statusCode: err.statusCode, code: err.code ?? "BadRequest", message: err.message };
  } else {
    req.log.error({ err }, "request failed");
    body = { statusCode: 502, code: "ClusterUnavailable", message: `the cluster request failed: ${err.message}` };
  }
  void reply.status(body.statusCode).send(body);
}
