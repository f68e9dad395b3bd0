import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { auditRecordCrd } from "@palisade/contract";
import { stringify } from "yaml";

/** Where the history CRD is installed from: the kustomize base (the chart's crds/auditrecords.yaml links to it). */
export const HISTORY_CRD_FILE = fileURLToPath(new URL("kubernetes/auditrecords.yaml", import.meta.url));

/** The CRD as the files hold it: generated from @palisade/contract, never edited by hand. */
export function historyCrdYaml(): string {
  return `# Generated from @palisade/contract's auditRecordCrd() by \`pnpm deploy:crds\`; do not edit.\n${stringify(auditRecordCrd())}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(HISTORY_CRD_FILE, historyCrdYaml());
}
