import type { IncomingMessage } from "node:http";
import { parse as parseYaml } from "yaml";
import { ApiError, badRequest, unsupportedMediaType } from "../api/status";
import type { PatchType } from "../cluster/cluster";
import { decodeProtobuf, PROTOBUF } from "./protobuf";

/** A resource request's path, as the API server's request-info resolver splits it. */
export interface ResourcePath {
  readonly group: string;
  readonly version: string;
  readonly namespace?: string;
  readonly plural: string;
  readonly name?: string;
  readonly subresource?: string;
  /** The deprecated `/watch/` path prefix was used. */
  readonly watchPrefix: boolean;
}

/** Splits `/api/v1/...` and `/apis/{group}/{version}/...`; returns undefined for non-resource paths. */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const parts = pathname.split("/").filter((p) => p !== "");
  let group: string;
  let rest: string[];
  if (parts[0] === "api" && parts.length >= 3) {
    group = "";
    rest = parts.slice(1);
  } else if (parts[0] === "apis" && parts.length >= 4) {
    group = parts[1] ?? "";
    rest = parts.slice(2);
  } else return undefined;
  const [version, ...tail0] = rest;
  let tail = tail0;
  const watchPrefix = tail[0] === "watch";
  if (watchPrefix) tail = tail.slice(1);
  let namespace: string | undefined;
  // `/namespaces/{ns}` alone is the namespace object itself; with more segments it scopes the request.
  if (tail[0] === "namespaces" && tail.length >= 3) {
    namespace = tail[1];
    tail = tail.slice(2);
  }
  const [plural, name, subresource, ...extra] = tail;
  if (plural === undefined || version === undefined || extra.length > 0) return undefined;
  return {
    group,
    version,
    ...(namespace === undefined ? {} : { namespace: decodeURIComponent(namespace) }),
    plural,
    ...(name === undefined ? {} : { name: decodeURIComponent(name) }),
    ...(subresource === undefined ? {} : { subresource }),
    watchPrefix,
  };
}

const MAX_BODY = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw new ApiError(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Decodes a JSON or YAML request body; a malformed one is a 400 that names the problem. */
export function decodeBody(body: Buffer, contentType: string | undefined): unknown {
  const mediaType = (contentType ?? "application/json").split(";")[0]?.trim() ?? "";
  if (mediaType === PROTOBUF && body.length > 0) return decodeProtobuf(body);
  const text = body.toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    if (mediaType.endsWith("yaml")) return parseYaml(text);
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body of the request could not be decoded: ${(e as Error).message}`);
  }
}

export function patchTypeOf(contentType: string | undefined): PatchType {
  const mediaType = (contentType ?? "").split(";")[0]?.trim() ?? "";
  switch (mediaType) {
    case "application/merge-patch+json":
      return "merge";
    case "application/json-patch+json":
      return "json";
    case "application/strategic-merge-patch+json":
      return "strategic";
    case "application/apply-patch+yaml":
    case "application/apply-patch+cbor":
      return "apply";
    default:
      throw unsupportedMediaType();
  }
}

/** A query flag as the API server reads booleans (`1` or `true`). */
export function boolParam(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  return v === "1" || v === "true";
}

/** `{ key: value }` when the query parameter is present, else nothing (for exactOptionalPropertyTypes-style spreads). */
export function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string };
}
