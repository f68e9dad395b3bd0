import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { createRunDir, releaseTempDir } from "../src/processes.js";

const START_TIMEOUT_MS = 30 * 60_000;

interface Held {
  pids: Record<string, number>;
  runDir: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it(
  "takes etcd and kube-apiserver down with a runner killed by SIGKILL, and sweeps its folder on the next start",
  async () => {
    const script = fileURLToPath(new URL("./hold-control-plane.ts", import.meta.url));
    // tsx from the workspace root, as every TypeScript entry point here runs.
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: fileURLToPath(new URL("../../..", import.meta.url)),
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        const lines = createInterface({ input: child.stdout });
        lines.once("line", resolve);
        child.once("exit", (code) => reject(new Error(`holder exited (${code}) before reporting`)));
      });
      const held = JSON.parse(firstLine) as Held;
      const pids = Object.values(held.pids);
      expect(pids).toHaveLength(2);
      for (const pid of pids) expect(alive(pid)).toBe(true);

      // SIGKILL: no exit handler runs in the holder; only pdeathsig can stop its children.
      child.kill("SIGKILL");
      await waitUntil("both children have exited", () => pids.every((pid) => !alive(pid)));
      expect(existsSync(held.runDir)).toBe(true);

      const next = createRunDir();
      releaseTempDir(next);
      expect(existsSync(held.runDir)).toBe(false);
    } finally {
      // Whatever failed above, the holder (and through pdeathsig its children) must not outlive the test.
      child.kill("SIGKILL");
    }
  },
  START_TIMEOUT_MS,
);
