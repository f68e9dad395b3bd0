import { isRecord, type KubeObject } from "../api/object";
import { BUILTIN_TYPES } from "./builtins";
import { apiVersionOf, type PrinterColumn, type ResourceType, STANDARD_VERBS } from "./resource-type";

/**
 * What the server serves: the built-in types plus one type per established CustomResourceDefinition, so installing
 * a CRD makes its resource appear in discovery and routing exactly as on a real API server.
 */
export class Registry {
  private readonly crdTypes = new Map<string, ResourceType>();

  all(): ResourceType[] {
    return [...BUILTIN_TYPES, ...this.crdTypes.values()];
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    return this.all().find((t) => t.group === group && t.version === version && t.plural === plural);
  }

  /** A group's resource regardless of version: how storage and authorization see it. */
  findResource(group: string, plural: string): ResourceType | undefined {
    return this.all().find((t) => t.group === group && t.plural === plural);
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.all().find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
  }

  /** Registers (or re-registers) the type a CRD object defines; returns the types it serves. */
  applyCrd(crd: KubeObject): ResourceType[] {
    this.removeCrd(crd.metadata.name ?? "");
    const types = typesOfCrd(crd);
    for (const t of types) this.crdTypes.set(`${crd.metadata.name}/${t.version}`, t);
    return types;
  }

  removeCrd(name: string): void {
    for (const key of [...this.crdTypes.keys()]) if (key.startsWith(`${name}/`)) this.crdTypes.delete(key);
  }
}

/** The served versions of a (validated) CRD object. */
export function typesOfCrd(crd: KubeObject): ResourceType[] {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);
  const kind = String(names.kind ?? "");
  return versions
    .filter((v) => v.served !== false)
    .map((v) => {
      const subresources = isRecord(v.subresources) ? v.subresources : {};
      const schema = isRecord(v.schema) ? v.schema.openAPIV3Schema : undefined;
      const statusSubresource = subresources.status !== undefined;
      return {
        group: String(spec.group ?? ""),
        version: String(v.name ?? ""),
        plural: String(names.plural ?? ""),
        singular: String(names.singular ?? kind.toLowerCase()),
        kind,
        namespaced: spec.scope === "Namespaced",
        verbs: STANDARD_VERBS,
        shortNames: strings(names.shortNames),
        categories: strings(names.categories),
        statusSubresource,
        generation: statusSubresource ? "spec" : "non-metadata",
        crd: true,
        ...(schema === undefined ? {} : { schema }),
        ...(Array.isArray(v.additionalPrinterColumns)
          ? { printerColumns: printerColumnsOf(v.additionalPrinterColumns) }
          : {}),
      } satisfies ResourceType;
    });
}

function printerColumnsOf(raw: unknown[]): PrinterColumn[] {
  return raw.filter(isRecord).map((c) => ({
    name: String(c.name ?? ""),
    type: String(c.type ?? "string"),
    jsonPath: String(c.jsonPath ?? ""),
    ...(typeof c.description === "string" ? { description: c.description } : {}),
    ...(typeof c.priority === "number" ? { priority: c.priority } : {}),
    ...(typeof c.format === "string" ? { format: c.format } : {}),
  }));
}
