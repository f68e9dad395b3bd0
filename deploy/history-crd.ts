import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { auditRecordCrd } from "@palisade/contract";
import { stringify } from "yaml";

/** Where the history CRD is installed from: the kustomize base and the chart (Helm installs `crds/` first). */
export const HISTORY_CRD_FILES = ["kubernetes/auditrecords.yaml", "chart/crds/auditrecords.yaml"].map((f) =>
  fileURLToPath(new URL(f, import.meta.url)),
);

/** The CRD as the files hold it: generated from @palisade/contract, never edited by hand. */
export function historyCrdYaml(): string {
  return `# Generated from @palisade/contract's auditRecordCrd() by \`pnpm deploy:crds\`; do not edit.\n${stringify(auditRecordCrd())}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of HISTORY_CRD_FILES) writeFileSync(file, historyCrdYaml());
}
