/** A Table column as a CRD's `additionalPrinterColumns` declares it. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly jsonPath?: string;
  readonly description?: string;
  readonly priority?: number;
  readonly format?: string;
}

/** A served resource with the facts discovery, routing and storage need. */
export interface ResourceType {
  /** "" for the core group. */
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  /** Has a `/status` subresource: the main endpoint then ignores `status`, as the API server does. */
  readonly statusSubresource: boolean;
  /**
   * When `metadata.generation` moves: on a `spec` change (most built-ins), on any change outside metadata
   * (custom resources without a status subresource), or never (namespaces, nodes, services).
   */
  readonly generation: "spec" | "non-metadata" | "none";
  /** Served by a CustomResourceDefinition (so: no unconditional update, deletes return the object). */
  readonly crd: boolean;
  /** For CRD-served types: `spec.versions[].schema.openAPIV3Schema` of the served version. */
  readonly schema?: unknown;
  /** For CRD-served types: the served version's `additionalPrinterColumns`. */
  readonly printerColumns?: readonly PrinterColumn[];
  /** Virtual create-only resources such as access reviews: never stored. */
  readonly virtual?: boolean;
}

export const STANDARD_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export function apiVersionOf(t: { group: string; version: string }): string {
  return t.group === "" ? t.version : `${t.group}/${t.version}`;
}
