import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** packages/control-plane, found from this file so it holds wherever the clone lives. */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The repository root: the nearest ancestor holding pnpm-workspace.yaml. */
export function repoRoot(): string {
  let dir = packageDir;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${packageDir}`);
    dir = parent;
  }
  return dir;
}

/** ../shared beside the clone: reference data the project reads but never copies in. */
export function sharedDir(): string {
  const dir = resolve(repoRoot(), "..", "shared");
  if (!existsSync(dir)) throw new Error(`shared reference data not found at ${dir} (expected beside the clone)`);
  return dir;
}
