import {
  type ApplyErrorBody,
  type ApplyRequest,
  type ApplyResult,
  apiPaths,
  type ConnectivityDiff,
  type DiffResult,
  type ExpectedVersion,
  type PolicySetApplyRequest,
  type PolicySetId,
  type ValidateResult,
} from "@palisade/contract";
import { ApiError, postJson } from "./client";

export function validateYaml(cluster: string, yaml: string, signal?: AbortSignal): Promise<ValidateResult> {
  return postJson<ValidateResult>(apiPaths.validate(cluster), { yaml }, signal);
}

/** Who would gain or lose reachability, on which ports, if the YAML were applied (the whole cluster). */
export function connectivityYaml(cluster: string, yaml: string): Promise<ConnectivityDiff> {
  return postJson<ConnectivityDiff>(apiPaths.connectivity(cluster), { yaml });
}

export function diffYaml(cluster: string, yaml: string, asStaged = false): Promise<DiffResult> {
  return postJson<DiffResult>(apiPaths.diff(cluster), { yaml, ...(asStaged ? { asStaged } : {}) });
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
  /** Save the policies as their staged kinds instead (nothing enforced). */
  asStaged = false,
): Promise<ApplyResult> {
  const body: ApplyRequest = {
    yaml,
    ...(expected.length > 0 ? { expected: [...expected] } : {}),
    ...(asStaged ? { asStaged } : {}),
  };
  return postApply(dryRun ? apiPaths.dryRun(cluster) : apiPaths.apply(cluster), body);
}

/** Applies one of IBM's isolation sets as one change; refused while its lock-out check objects (see the route). */
export function applyPolicySet(cluster: string, set: PolicySetId, body: PolicySetApplyRequest): Promise<ApplyResult> {
  return postApply(apiPaths.policySetApply(cluster, set), body);
}

/** POSTs a dry-run or an apply; a refused write's per-document result comes back as a value (see applyYaml). */
async function postApply(path: string, body: unknown): Promise<ApplyResult> {
  try {
    return await postJson<ApplyResult>(path, body);
  } catch (err) {
    const result = err instanceof ApiError ? (err.body as Partial<ApplyErrorBody> | undefined)?.result : undefined;
    if (result !== undefined) return result;
    throw err;
  }
}
