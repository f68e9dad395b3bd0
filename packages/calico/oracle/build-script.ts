import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

/** The binaries build.sh makes from the Calico module this folder's go.mod pins. */
export type CalicoGoBinary = "oracle" | "calicoctl" | "goldmane";

/**
 * Runs `build.sh <binary>` (a cache look-up once built; a cold build may take many minutes) and resolves with the
 * binary path it prints last on stdout.
 */
export function buildCalicoGoBinary(binary: CalicoGoBinary): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "bash",
      [`${here}build.sh`, binary],
      { cwd: here, maxBuffer: 16 * 1024 * 1024, timeout: 20 * 60_000 },
      (error, stdout, stderr) => {
        const path = stdout.trim().split("\n").pop();
        if (error !== null) reject(new Error(`${binary} build failed: ${error.message}\n${stderr}`));
        else if (path === undefined || path === "") reject(new Error(`${binary} build printed no path\n${stderr}`));
        else resolve(path);
      },
    );
  });
}
