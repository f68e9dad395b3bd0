import { CSRF_HEADER, type ErrorBody } from "@palisade/contract";

/** Every failed API call becomes one of these, carrying the BFF's error body (and any extra fields, e.g. `result`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: NonNullable<ErrorBody["details"]> = [],
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

/** The server answered that the object asked for does not exist (HTTP 404). */
export function isNotFound(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 404;
}

/**
 * Worth asking again: the server could not be reached, was overloaded or failed (0, 429, 5xx). A 4xx answer (not
 * found, forbidden, invalid) will be the same on a retry, so it is shown at once.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (init.signal?.aborted === true) throw err;
    throw new ApiError(0, "NetworkError", "Palisade's server cannot be reached. Is it still running?");
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
    throw new ApiError(
      res.status,
      body?.code ?? "HttpError",
      body?.message ?? `${res.status} ${res.statusText}`,
      body?.details ?? [],
      body,
    );
  }
  return (await res.json()) as T;
}

export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { headers: { accept: "application/json" }, signal: signal ?? null });
}

/** A state-changing call; the BFF refuses POSTs without the CSRF header (contract `CSRF_HEADER`). */
export function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return request<T>(path, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json", [CSRF_HEADER]: "1" },
    body: JSON.stringify(body),
    signal: signal ?? null,
  });
}
