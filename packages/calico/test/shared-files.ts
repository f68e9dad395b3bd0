/** Test-only access to the reference data in ../shared (read at run time, never copied into the tree). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

/** Absolute path of `rel` inside the shared folder next to the repository. */
export function sharedPath(rel: string): string {
  return fileURLToPath(new URL(`../../../../shared/${rel}`, import.meta.url));
}

/** Whether `rel` exists in the shared folder: tests that need it do not run without it. */
export function hasShared(rel: string): boolean {
  return existsSync(sharedPath(rel));
}

export function readShared(rel: string): string {
  return readFileSync(sharedPath(rel), "utf8");
}

export function readSharedJson<T>(rel: string): T {
  return JSON.parse(readShared(rel)) as T;
}

/** The documents of a shared YAML file as plain values. */
export function readSharedYaml(rel: string): unknown[] {
  return parseAllDocuments(readShared(rel)).map((d) => d.toJS() as unknown);
}

/** Paths (relative to the shared folder) of the files below `dir` whose names end in one of `exts`. */
export function listShared(dir: string, exts: readonly string[]): string[] {
  const root = sharedPath("");
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const child = join(abs, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (exts.some((e) => entry.name.endsWith(e))) out.push(relative(root, child));
    }
  };
  walk(sharedPath(dir));
  return out.sort();
}
