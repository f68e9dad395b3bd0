import {
  apiPaths,
  type ExplainRequest,
  type ExplainResult,
  type PacketLogRequest,
  type PacketLogResult,
} from "@palisade/contract";
import { postJson } from "./client";

export function explain(cluster: string, request: ExplainRequest, signal?: AbortSignal): Promise<ExplainResult> {
  return postJson<ExplainResult>(apiPaths.explain(cluster), request, signal);
}

export function readPacketLog(cluster: string, request: PacketLogRequest): Promise<PacketLogResult> {
  return postJson<PacketLogResult>(apiPaths.packetLog(cluster), request);
}
