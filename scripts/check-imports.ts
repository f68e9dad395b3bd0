/**
 * `pnpm imports`: refuses relative imports that reach into another workspace package (or out of the repository).
 * A package is used through its name and the entries its package.json exports, so that what it offers is written
 * down in one place and its files can move. Prints `file:line: …` per offence; exits 1 when there is any.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

export interface SourceFile {
  /** Path from the repository root, with `/` separators. */
  readonly path: string;
  readonly text: string;
}

export interface CrossPackageImport {
  readonly path: string;
  readonly line: number;
  readonly specifier: string;
  /** The package folder the import reaches into, `""` for the root package, undefined outside the repository. */
  readonly into: string | undefined;
}

/** Statements `import … from "x"`, `export … from "x"`, `import "x"`, and calls `import("x")`. */
const IMPORTS = [
  /^(?:import|export)\b[^;]*?\bfrom\s*(["'])([^"'\n]+)\1/gm,
  /^import\s*(["'])([^"'\n]+)\1/gm,
  /\bimport\(\s*(["'])([^"'\n]+)\1/g,
];

/** The package folder owning `path`: the longest package folder that contains it, `""` (the root) when none does. */
export function ownerOf(path: string, packages: readonly string[]): string {
  let owner = "";
  for (const dir of packages) if (path.startsWith(`${dir}/`) && dir.length > owner.length) owner = dir;
  return owner;
}

/** Relative imports in `files` whose target belongs to another package than the importing file. */
export function crossPackageImports(files: readonly SourceFile[], packages: readonly string[]): CrossPackageImport[] {
  const out: CrossPackageImport[] = [];
  for (const file of files) {
    const from = ownerOf(file.path, packages);
    for (const m of IMPORTS.flatMap((re) => [...file.text.matchAll(re)])) {
      const specifier = m[2] ?? "";
      if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
      const target = normalize(join(dirname(file.path), specifier));
      const into = target.startsWith("../") ? undefined : ownerOf(target, packages);
      if (into === from) continue;
      const line = file.text.slice(0, m.index).split("\n").length;
      out.push({ path: file.path, line, specifier, into });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}

/** The workspace's package folders: pnpm-workspace.yaml's entries, `dir/*` expanded to the folders with a package.json. */
function workspacePackages(root: string, files: readonly string[]): string[] {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const section = yaml.split(/^packages:\s*$/m)[1]?.split(/^\S/m)[0] ?? "";
  const globs = [...section.matchAll(/^\s+-\s+["']?([^"'\s]+)["']?\s*$/gm)].map((g) => g[1] ?? "");
  const manifests = files.filter((f) => f.endsWith("/package.json")).map((f) => f.slice(0, -"/package.json".length));
  return manifests.filter((dir) => globs.some((g) => (g.endsWith("/*") ? dirname(dir) === g.slice(0, -2) : dir === g)));
}

function main(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const tracked = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\n")
    .filter((f) => f !== "" && existsSync(join(root, f)));
  const packages = workspacePackages(root, tracked);
  const sources = tracked
    .filter((f) => /\.(?:ts|tsx|mts|cts|js|mjs)$/.test(f))
    .map((path) => ({ path, text: readFileSync(join(root, path), "utf8") }));
  const found = crossPackageImports(sources, packages);
  for (const f of found) {
    const where =
      f.into === undefined ? "outside the repository" : `into ${f.into === "" ? "the root package" : f.into}`;
    console.error(`${f.path}:${f.line}: relative import "${f.specifier}" reaches ${where}: import the package by name`);
  }
  if (found.length > 0) process.exit(1);
  console.log(`imports: ${sources.length} files, no relative import across the ${packages.length + 1} packages`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
