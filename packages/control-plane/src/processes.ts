/**
 * Child processes that must not outlive the test run. Each runs in its own process group (so a stop reaches anything
 * it forks), under `setpriv --pdeathsig KILL` where available (so even a SIGKILLed test runner takes them down), and
 * is registered for a synchronous kill in the runner's `exit` handler.
 */
import { type ChildProcess, spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ManagedProcess {
  name: string;
  pid: number;
  logPath: string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
  hasExited(): boolean;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the leader has exited. */
  stop(graceMs?: number): Promise<void>;
}

const SETPRIV = "/usr/bin/setpriv";

const live = new Set<ManagedProcess>();
const tempDirs = new Set<string>();
let handlersInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone, which is what we wanted.
  }
}

function cleanupNow(): void {
  for (const p of live) killGroup(p.pid, "SIGKILL");
  live.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // 'exit' runs synchronously, which is all a SIGKILL and an rmSync need.
  process.on("exit", cleanupNow);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = (): void => {
      cleanupNow();
      // Re-raise with the default disposition so the runner still dies the way it was asked to.
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

const RUN_DIR_PREFIX = "palisade-cp-";
const OWNER_FILE = "owner.pid";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM means it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes run folders whose owning process is gone. Only a SIGKILLed runner leaves one (its exit handler never ran;
 * pdeathsig still took its children down), and nothing else would ever delete it.
 */
function sweepAbandonedRunDirs(): void {
  const base = tmpdir();
  for (const entry of readdirSync(base)) {
    if (!entry.startsWith(RUN_DIR_PREFIX)) continue;
    const dir = join(base, entry);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), "utf8"));
    } catch {
      continue; // not ours, or still being created
    }
    if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh temporary folder for one control plane, deleted at process exit unless released earlier. */
export function createRunDir(): string {
  installExitHandlers();
  sweepAbandonedRunDirs();
  const dir = mkdtempSync(join(tmpdir(), RUN_DIR_PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  tempDirs.add(dir);
  return dir;
}

export function releaseTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export function spawnManaged(name: string, binary: string, args: string[], logPath: string): ManagedProcess {
  installExitHandlers();
  const logFd = openSync(logPath, "a");
  const [command, argv] = existsSync(SETPRIV)
    ? [SETPRIV, ["--pdeathsig", "KILL", "--", binary, ...args]]
    : [binary, args];
  let child: ChildProcess;
  try {
    child = spawn(command, argv, { detached: true, stdio: ["ignore", logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: failed to spawn ${binary}`);

  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      done = true;
      live.delete(managed);
      resolve(code ?? signal ?? "unknown");
    });
    child.once("error", (err) => {
      done = true;
      live.delete(managed);
      resolve(`spawn error: ${err.message}`);
    });
  });

  const managed: ManagedProcess = {
    name,
    pid,
    logPath,
    exited,
    hasExited: () => done,
    async stop(graceMs = 5_000) {
      if (!done) {
        killGroup(pid, "SIGTERM");
        const timer = setTimeout(() => killGroup(pid, "SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      // The leader has gone; anything it left in its group goes too.
      killGroup(pid, "SIGKILL");
    },
  };
  live.add(managed);
  return managed;
}

export function logTail(logPath: string, lines = 40): string {
  try {
    return readFileSync(logPath, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
