/**
 * Child processes for the benchmarks: each server runs in its own Node process so that its start-up, CPU and memory
 * are its own, and every child is stopped when its benchmark ends (also on failure).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  /** Resolves with the first stdout line that `match` accepts; rejects if the child exits or `timeoutMs` passes. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the child has exited. */
  stop(): Promise<void>;
}

/** Runs a TypeScript file with Node and tsx's loader (`node --import tsx file args`) from the repository root. */
export function spawnTs(file: string, args: readonly string[], nodeFlags: readonly string[] = []): Child {
  return spawnNode([...nodeFlags, "--import", "tsx", file, ...args]);
}

/** Runs `node args` from the repository root, with the BFF's logging off. */
export function spawnNode(args: readonly string[]): Child {
  const file = args.find((a) => !a.startsWith("-")) ?? "node";
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PALISADE_LOG: "off" },
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  if (child.stdout !== null) {
    createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      for (const w of waiters) w();
    });
  }
  let exited = false;
  child.on("exit", () => {
    exited = true;
    for (const w of waiters) w();
  });
  return {
    process: child,
    waitForLine(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < lines.length; seen++) {
            const line = lines[seen] ?? "";
            if (match(line)) return done(() => resolve(line));
          }
          if (exited)
            done(() => reject(new Error(`${file} exited (${child.exitCode ?? child.signalCode}): ${stderr.trim()}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`${file}: no expected output within ${timeoutMs} ms; ${stderr.trim()}`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (exited) return;
      const gone = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Runs a TypeScript child that prints its result as one JSON line, waits for that line, stops the child. */
export async function tsChildResult<T>(
  file: string,
  args: readonly string[],
  timeoutMs: number,
  nodeFlags: readonly string[] = [],
): Promise<T> {
  const child = spawnTs(file, args, nodeFlags);
  try {
    return JSON.parse(await child.waitForLine((l) => l.startsWith("{"), timeoutMs)) as T;
  } finally {
    await child.stop();
  }
}

/** `pnpm args` at the repository root; throws when it fails. */
export function runPnpm(args: readonly string[]): void {
  const r = spawnSync("pnpm", args, { cwd: REPO_ROOT, stdio: "ignore" });
  if (r.status !== 0) throw new Error(`pnpm ${args.join(" ")} failed (${r.status})`);
}

/** CPU time (user + system) a running process has used so far, from `/proc/<pid>/stat` (Linux), in milliseconds. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may contain spaces: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  clockTicks ??= Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim());
  if (!(clockTicks > 0)) throw new Error("getconf CLK_TCK gave no clock tick rate");
  return (ticks * 1000) / clockTicks;
}

/** Clock ticks per second of `/proc` CPU times (`getconf CLK_TCK`). */
let clockTicks: number | undefined;
