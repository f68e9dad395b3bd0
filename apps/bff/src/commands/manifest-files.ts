/** Finding manifest files for `palisade validate` and `pnpm conformance manifests`: files as given, folders walked. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const MANIFEST_EXTENSIONS = [".yaml", ".yml", ".json"];

export function isManifestFile(path: string): boolean {
  return MANIFEST_EXTENSIONS.some((ext) => path.endsWith(ext));
}

/**
 * Every manifest file below `paths`, in a stable order: a file is taken as given, a folder is walked recursively
 * for .yaml, .yml and .json files (sorted). Throws the filesystem error for a path that does not exist.
 */
export function collectManifestFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const child = join(dir, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && isManifestFile(entry.name)) out.push(child);
    }
  };
  for (const path of paths) {
    if (statSync(path).isDirectory()) walk(path);
    else out.push(path);
  }
  return out;
}
