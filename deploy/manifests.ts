import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

export const MANIFEST_DIR = fileURLToPath(new URL("kubernetes/", import.meta.url));

/** The objects of a multi-document YAML stream (`helm template`, `kustomize build`), empty documents dropped. */
export function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(doc.errors[0]?.message);
      return doc.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null);
}

/** Every object in deploy/kubernetes, in kustomization order (namespace and RBAC before the workload). */
export function loadManifests(): Manifest[] {
  const kustomization = readFileSync(`${MANIFEST_DIR}kustomization.yaml`, "utf8");
  const files = [...kustomization.matchAll(/^ {2}- (\S+\.yaml)$/gm)].map((m) => m[1] ?? "");
  const present = readdirSync(MANIFEST_DIR).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
  const missing = present.filter((f) => !files.includes(f));
  if (missing.length > 0) throw new Error(`kustomization.yaml does not list ${missing.join(", ")}`);
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(`${MANIFEST_DIR}${file}`, "utf8")).map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
      return doc.toJS() as Manifest;
    }),
  );
}
