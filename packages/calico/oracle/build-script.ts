import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * Runs one of this folder's build scripts (a cache look-up once built; a cold build may take many minutes) and
 * resolves with the binary path it prints last on stdout.
 */
export function runBuildScript(script: string, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "bash",
      [`${here}${script}`],
      { cwd: here, maxBuffer: 16 * 1024 * 1024, timeout: 20 * 60_000 },
      (error, stdout, stderr) => {
        const path = stdout.trim().split("\n").pop();
        if (error !== null) reject(new Error(`${what} build failed: ${error.message}\n${stderr}`));
        else if (path === undefined || path === "") reject(new Error(`${what} build printed no path\n${stderr}`));
        else resolve(path);
      },
    );
  });
}
