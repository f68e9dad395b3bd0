/**
 * Failures as the API server reports them: a `Status` object with `reason`, `code`, and `details`. Wording follows
 * k8s.io/apimachinery/pkg/api/errors so clients that match on messages behave the same against the simulator.
 */
export interface StatusCause {
  readonly reason: string;
  readonly message: string;
  readonly field?: string;
}

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly uid?: string;
  readonly causes?: readonly StatusCause[];
  readonly retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      ...(this.details === undefined ? {} : { details: this.details }),
      code: this.code,
    };
  }
}

/** Go's `omitempty`: the core group's "" is left out of Status details. */
export function groupField(group: string): { group?: string } {
  return group === "" ? {} : { group };
}

/** What a resource is called in messages: `pods`, `globalnetworkpolicies.crd.projectcalico.org`. */
export interface Qualified {
  readonly group: string;
  readonly plural: string;
}

export function qualifiedName(r: Qualified): string {
  return r.group === "" ? r.plural : `${r.plural}.${r.group}`;
}

export function notFound(r: Qualified, name: string): ApiError {
  return new ApiError(404, "NotFound", `${qualifiedName(r)} "${name}" not found`, {
    name,
    ...groupField(r.group),
    kind: r.plural,
  });
}

/** A path no route serves: the API server's mux answers in plain text, not with a Status. */
export class PageNotFound extends Error {
  constructor() {
    super("404 page not found");
  }
}

/** A path under a built-in API group that no resource serves (go-restful answers with a Status). */
export function resourcePathNotFound(): ApiError {
  return new ApiError(404, "NotFound", "the server could not find the requested resource", {});
}

export function pathNotFound(): PageNotFound {
  return new PageNotFound();
}

export function alreadyExists(r: Qualified, name: string): ApiError {
  return new ApiError(409, "AlreadyExists", `${qualifiedName(r)} "${name}" already exists`, {
    name,
    ...groupField(r.group),
    kind: r.plural,
  });
}

export function conflict(r: Qualified, name: string, why: string): ApiError {
  return new ApiError(409, "Conflict", `Operation cannot be fulfilled on ${qualifiedName(r)} "${name}": ${why}`, {
    name,
    ...groupField(r.group),
    kind: r.plural,
  });
}

export const MODIFIED = "the object has been modified; please apply your changes to the latest version and try again";

/** 422 Invalid, as `errors.NewInvalid`: one line per cause after the object's qualified kind and name. */
export function invalid(groupKind: { group: string; kind: string }, name: string, causes: StatusCause[]): ApiError {
  const qualified = groupKind.group === "" ? groupKind.kind : `${groupKind.kind}.${groupKind.group}`;
  const lines = causes.map((c) => (c.field === undefined ? c.message : `${c.field}: ${c.message}`));
  const summary = lines.length === 1 ? (lines[0] ?? "") : `[${lines.join(", ")}]`;
  return new ApiError(422, "Invalid", `${qualified} "${name}" is invalid: ${summary}`, {
    name,
    ...groupField(groupKind.group),
    kind: groupKind.kind,
    causes,
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, "BadRequest", message);
}

export function expired(message: string): ApiError {
  return new ApiError(410, "Expired", message);
}

export function methodNotSupported(r: Qualified, verb: string): ApiError {
  return new ApiError(405, "MethodNotAllowed", `${verb} is not supported on resources of kind "${qualifiedName(r)}"`, {
    ...groupField(r.group),
    kind: r.plural,
  });
}

export function unauthorized(): ApiError {
  return new ApiError(401, "Unauthorized", "Unauthorized");
}

export function unsupportedMediaType(): ApiError {
  return new ApiError(
    415,
    "UnsupportedMediaType",
    "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json",
  );
}
