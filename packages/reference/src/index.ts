/**
 * The upstream reference data beside a clone, `../shared` (Calico's CRDs and test tables, sample manifests): read in
 * place, never copied into the tree. A plain clone has none; the comparisons against it are then listed as not run,
 * with the reason, except under CI, where its absence is an error (nothing may be skipped silently there).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

/** Starts the title of the placeholder test that stands for each block not run; the tier summary lists them. */
export const NOT_RUN_WITHOUT_SHARED = "not run without ../shared";

/** Reads files of the shared folder by their path inside it, e.g. `calico/selector-vectors.json`. */
export interface SharedFiles {
  readonly dir: string;
  path(rel: string): string;
  read(rel: string): string;
  readJson(rel: string): unknown;
  /** The documents of a YAML file as plain values. */
  readYaml(rel: string): unknown[];
  /** Paths (relative to the shared folder) of the files below `dir` whose names end in one of `exts`, sorted. */
  list(dir: string, exts: readonly string[]): string[];
}

export type SharedLookup =
  | { readonly present: true; readonly files: SharedFiles }
  | { readonly present: false; readonly dir: string; readonly reason: string };

/** The repository root: the nearest ancestor of `from` holding pnpm-workspace.yaml. */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

/** `../shared` of the clone at `root`, or why it cannot be used. */
export function locateShared(root = repoRoot()): SharedLookup {
  const dir = resolve(root, "..", "shared");
  if (!existsSync(dir)) return { present: false, dir, reason: `${dir} does not exist` };
  if (!statSync(dir).isDirectory()) return { present: false, dir, reason: `${dir} is not a directory` };
  return { present: true, files: sharedFiles(dir) };
}

/** Whether this is a CI run (CI services set CI=true); there the upstream comparisons must run. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
}

/** The error a CI run without the shared folder stops with. */
export function sharedRequiredInCi(reason: string): string {
  return `CI requires the upstream reference data beside the clone (../shared), but ${reason}: without it the upstream comparisons would not run`;
}

function sharedFiles(dir: string): SharedFiles {
  const path = (rel: string) => join(dir, rel);
  const read = (rel: string) => readFileSync(path(rel), "utf8");
  return {
    dir,
    path,
    read,
    readJson: (rel) => JSON.parse(read(rel)) as unknown,
    readYaml: (rel) => parseAllDocuments(read(rel)).map((d) => d.toJS() as unknown),
    list: (sub, exts) => {
      const out: string[] = [];
      const walk = (abs: string) => {
        for (const entry of readdirSync(abs, { withFileTypes: true })) {
          const child = join(abs, entry.name);
          if (entry.isDirectory()) walk(child);
          else if (exts.some((e) => entry.name.endsWith(e))) out.push(relative(dir, child));
        }
      };
      walk(path(sub));
      return out.sort();
    },
  };
}
