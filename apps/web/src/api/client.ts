import type { ErrorBody } from "@palisade/contract";

/** Every failed API call becomes one of these, carrying the BFF's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorBody["details"] = [],
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: "application/json" }, signal: signal ?? null });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, "NetworkError", "Palisade's server cannot be reached. Is it still running?");
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
    throw new ApiError(
      res.status,
      body?.code ?? "HttpError",
      body?.message ?? `${res.status} ${res.statusText}`,
      body?.details,
    );
  }
  return (await res.json()) as T;
}
