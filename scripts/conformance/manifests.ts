/**
 * `pnpm conformance manifests <dir>`: loads and validates every YAML document below a folder and prints one JSON
 * line per document: {file, index, kind, name, valid, errors}.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { collectManifestFiles } from "@palisade/bff";
import { validateManifests } from "@palisade/calico";
import type { SuiteResult } from "./suite";

export function manifests(dir: string): SuiteResult {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const path of collectManifestFiles([dir])) {
    const file = relative(dir, path) || path;
    for (const r of validateManifests(readFileSync(path, "utf8"))) {
      if (r.valid) passed++;
      else failed++;
      lines.push(
        JSON.stringify({ file, index: r.index, kind: r.kind, name: r.name, valid: r.valid, errors: r.errors }),
      );
    }
  }
  return { passed, failed, lines };
}
