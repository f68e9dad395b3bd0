import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { packageDir } from "./paths.js";

export interface ControlPlaneBinaries {
  binDir: string;
  kubeApiserver: string;
  etcd: string;
}

let pending: Promise<ControlPlaneBinaries> | undefined;

/**
 * Runs build.sh, which is a cache lookup when the binaries exist and a multi-minute Go build when they do not.
 * PALISADE_CONTROL_PLANE_BIN skips it for a machine that supplies its own binaries.
 */
export function ensureBinaries(): Promise<ControlPlaneBinaries> {
  pending ??= locate().catch((err: unknown) => {
    pending = undefined;
    throw err;
  });
  return pending;
}

async function locate(): Promise<ControlPlaneBinaries> {
  const override = process.env.PALISADE_CONTROL_PLANE_BIN;
  const binDir = override && override.length > 0 ? override : await runBuildScript();
  const binaries = { binDir, kubeApiserver: join(binDir, "kube-apiserver"), etcd: join(binDir, "etcd") };
  for (const path of [binaries.kubeApiserver, binaries.etcd]) {
    if (!existsSync(path)) throw new Error(`control-plane binary missing: ${path}`);
  }
  return binaries;
}

function runBuildScript(): Promise<string> {
  const script = join(packageDir, "build.sh");
  return new Promise((resolve, reject) => {
    const child = execFile("bash", [script], { maxBuffer: 1024 * 1024 }, (err, stdout) => {
      if (err) {
        reject(new Error(`${script} failed: ${err.message}`));
        return;
      }
      const lines = stdout.trim().split("\n");
      const binDir = lines[lines.length - 1];
      if (!binDir) reject(new Error(`${script} printed no bin dir`));
      else resolve(binDir);
    });
    // A cold build takes minutes; let its progress show instead of looking hung.
    child.stderr?.pipe(process.stderr);
  });
}
