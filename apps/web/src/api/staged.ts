import {
  apiPaths,
  type PromotePreview,
  type PromoteRequest,
  type PromoteResult,
  type StagedPolicyList,
  type StagedRef,
} from "@palisade/contract";
import { queryOptions } from "@tanstack/react-query";
import { getJson, postJson } from "./client";
import { cacheFamilies } from "./queryKeys";

/** Staged policies; in the policies family, so every policy change refreshes them. */
export const stagedQuery = (cluster: string) =>
  queryOptions({
    queryKey: [...cacheFamilies.policies(cluster), "staged"],
    queryFn: ({ signal }) => getJson<StagedPolicyList>(apiPaths.staged(cluster), signal),
  });

/** What promoting one would do, against the versions listed (a change refreshes it with the list). */
export const promotePreviewQuery = (cluster: string, ref: StagedRef, resourceVersion: string) =>
  queryOptions({
    queryKey: [...cacheFamilies.policies(cluster), "staged-preview", ref, resourceVersion],
    queryFn: ({ signal }) => postJson<PromotePreview>(apiPaths.stagedPreview(cluster), ref, signal),
    gcTime: 0,
  });

export function promoteStaged(cluster: string, request: PromoteRequest): Promise<PromoteResult> {
  return postJson<PromoteResult>(apiPaths.stagedPromote(cluster), request);
}
