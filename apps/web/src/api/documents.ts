import {
  type ApplyErrorBody,
  type ApplyRequest,
  type ApplyResult,
  apiPaths,
  type DiffResult,
  type ExpectedVersion,
  type ValidateResult,
} from "@palisade/contract";
import { ApiError, postJson } from "./client";

export function validateYaml(cluster: string, yaml: string, signal?: AbortSignal): Promise<ValidateResult> {
  return postJson<ValidateResult>(apiPaths.validate(cluster), { yaml }, signal);
}

export function diffYaml(cluster: string, yaml: string): Promise<DiffResult> {
  return postJson<DiffResult>(apiPaths.diff(cluster), { yaml });
}

/**
 * Dry-run or apply. A refused write (409 conflict, 422 invalid, 403, rollback) still carries a per-document result;
 * it comes back as a value so the page can show both versions of a conflicting object.
 */
export async function applyYaml(
  cluster: string,
  yaml: string,
  expected: readonly ExpectedVersion[],
  dryRun: boolean,
): Promise<ApplyResult> {
  const body: ApplyRequest = { yaml, ...(expected.length > 0 ? { expected: [...expected] } : {}) };
  try {
    return await postJson<ApplyResult>(dryRun ? apiPaths.dryRun(cluster) : apiPaths.apply(cluster), body);
  } catch (err) {
    const result = err instanceof ApiError ? (err.body as Partial<ApplyErrorBody> | undefined)?.result : undefined;
    if (result !== undefined) return result;
    throw err;
  }
}
