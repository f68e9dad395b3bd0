import { apiPaths, type ExplainRequest, type ExplainResult } from "@palisade/contract";
import { postJson } from "./client";

export function explain(cluster: string, request: ExplainRequest, signal?: AbortSignal): Promise<ExplainResult> {
  return postJson<ExplainResult>(apiPaths.explain(cluster), request, signal);
}
