/**
 * kube-sim in its own process (`src/cli.ts`) for benchmarks and tests, and an HTTPS client holding the admin token of the
 * kubeconfig it writes, with keep-alive so that connection set-up is not what is measured.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const CLI = fileURLToPath(new URL("../cli.ts", import.meta.url));
const TICKS_PER_SECOND = 100;

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

export interface SimChild {
  readonly process: ChildProcess;
  /** Path of the kubeconfig it wrote (all three users; removed by `stop`). */
  readonly kubeconfig: string;
  /** utime + stime of kube-sim so far, in ms (from /proc, so it excludes this client). */
  cpuMs(): number;
  /** One request as the admin user; a JSON body when `body` is given. */
  call(method: string, path: string, body?: unknown): Promise<Reply>;
  /** SIGTERM, then removes the kubeconfig's folder. */
  stop(): Promise<void>;
}

/** Starts `kube-sim args…` and waits for its kubeconfig line. */
export async function startSimChild(args: readonly string[]): Promise<SimChild> {
  const dir = mkdtempSync(join(tmpdir(), "kube-sim-bench-"));
  const kubeconfig = join(dir, "kubeconfig");
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args, "--kubeconfig", kubeconfig], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.stdout === null || child.pid === undefined) throw new Error("kube-sim did not start");
  const pid = child.pid;
  let ready = false;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith("kubeconfig:")) {
      ready = true;
      break;
    }
  }
  if (!ready) throw new Error(`kube-sim exited (${child.exitCode}) before printing its kubeconfig`);
  const kc = parse(readFileSync(kubeconfig, "utf8")) as {
    clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
    users: { name: string; user: { token: string } }[];
  };
  const cluster = kc.clusters[0]?.cluster;
  const token = kc.users.find((u) => u.name === "kube-sim-admin")?.user.token;
  if (cluster === undefined || token === undefined) throw new Error("kubeconfig without cluster or admin token");
  const url = new URL(cluster.server);
  const agent = new Agent({ keepAlive: true, ca: Buffer.from(cluster["certificate-authority-data"], "base64") });
  return {
    process: child,
    kubeconfig,
    cpuMs() {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    },
    call: (method, path, body) =>
      new Promise<Reply>((resolve, reject) => {
        const req = request(
          {
            agent,
            method,
            hostname: url.hostname,
            port: url.port,
            path,
            headers: {
              authorization: `Bearer ${token}`,
              accept: "application/json",
              ...(body === undefined ? {} : { "content-type": "application/json" }),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) }),
            );
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(body === undefined ? undefined : JSON.stringify(body));
      }),
    async stop() {
      agent.destroy();
      if (child.exitCode === null && child.signalCode === null) {
        const gone = once(child, "exit");
        child.kill("SIGTERM");
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
