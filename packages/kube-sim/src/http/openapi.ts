import { createHash } from "node:crypto";
import type { Registry } from "../registry/registry";
import type { ResourceType } from "../registry/resource-type";

function gvPath(group: string, version: string): string {
  return group === "" ? `api/${version}` : `apis/${group}/${version}`;
}

/** `/openapi/v3`: one document per group/version, as kubectl's query-parameter verifier expects. */
export function openApiV3Root(registry: Registry) {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const t of registry.all()) {
    const p = gvPath(t.group, t.version);
    paths[p] = {
      serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(openApiV3Document(registry, t.group, t.version))}`,
    };
  }
  return { paths };
}

function hashOf(doc: unknown): string {
  return createHash("sha512").update(JSON.stringify(doc)).digest("hex").slice(0, 128).toUpperCase();
}

const QUERY = (name: string) => ({ name, in: "query", schema: { type: "string", uniqueItems: true } });

/**
 * A group/version's OpenAPI v3 document: its paths with the write operations' query parameters (`dryRun`,
 * `fieldManager`, `fieldValidation`, `force`) and the kind tags kubectl matches on. Kinds carry no schemas, so
 * kubectl computes strategic merge patches from its built-in types and leaves field validation to the server.
 */
export function openApiV3Document(registry: Registry, group: string, version: string) {
  const types = registry.all().filter((t) => t.group === group && t.version === version);
  const paths: Record<string, unknown> = {};
  for (const t of types) {
    const base = `/${gvPath(group, version)}${t.namespaced ? "/namespaces/{namespace}" : ""}/${t.plural}`;
    paths[base] = collectionOps(t);
    if (!t.virtual) paths[`${base}/{name}`] = itemOps(t);
  }
  return { openapi: "3.0.0", info: { title: "Kubernetes", version: "v1.34.0" }, paths, components: { schemas: {} } };
}

function op(t: ResourceType, action: string, params: string[]) {
  return {
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": { group: t.group, version: t.version, kind: t.kind },
    parameters: params.map(QUERY),
    responses: { "200": { description: "OK" } },
  };
}

const WRITE = ["dryRun", "fieldManager", "fieldValidation"];

function collectionOps(t: ResourceType) {
  return {
    ...(t.verbs.includes("list")
      ? { get: op(t, "list", ["labelSelector", "fieldSelector", "limit", "continue", "watch"]) }
      : {}),
    ...(t.verbs.includes("create") ? { post: op(t, "post", WRITE) } : {}),
  };
}

function itemOps(t: ResourceType) {
  return {
    get: op(t, "get", []),
    put: op(t, "put", WRITE),
    patch: op(t, "patch", [...WRITE, "force"]),
    delete: op(t, "delete", ["dryRun", "gracePeriodSeconds", "propagationPolicy"]),
  };
}
