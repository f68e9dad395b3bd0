/**
 * Child process: the BFF, started as `palisade serve` starts it, on the given kubeconfig. When its default cluster's
 * caches have synced it prints one JSON line (times since this process started, CPU, memory, cached objects), then
 * serves until SIGTERM. Run with --expose-gc so that the resident set is measured after garbage collection. Besides
 * the resident set, memory as `process.memoryUsage()` breaks it down: the V8 heap in use and reserved (`heapTotal`
 * minus `heapUsed` is mostly the young generation's empty semi-spaces) and memory outside it (`external`, which holds
 * the bundle's source text, and of it `arrayBuffers`).
 * On SIGUSR2 it collects garbage and prints one JSON line `{"memory": true, rssMB, heapUsedMB}`.
 * Usage: server.child.ts KUBECONFIG [--web-root DIR]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseServeConfig, startServer } from "@palisade/bff";

const loadedMs = performance.now();
const [kubeconfig, ...rest] = process.argv.slice(2);
if (kubeconfig === undefined) throw new Error("usage: server.child.ts KUBECONFIG");
const auditLog = join(mkdtempSync(join(tmpdir(), "palisade-bench-audit-")), "audit.jsonl");
const config = parseServeConfig(
  ["--kubeconfig", kubeconfig, "--port", "0", "--read-only", "--audit-log", auditLog],
  process.env,
);
const webRoot = rest[0] === "--web-root" ? rest[1] : undefined;
const server = await startServer(config, {
  PALISADE_LOG: "off",
  ...(webRoot === undefined ? {} : { PALISADE_WEB_ROOT: webRoot }),
});
const listeningMs = performance.now();
const cluster = server.clusters.default;
if (cluster === undefined) throw new Error("no default cluster");
await cluster.whenReady();
const readyMs = performance.now();
const cpu = process.cpuUsage();
const peakRssMB = process.resourceUsage().maxRSS / 1024;
const gc = (globalThis as { gc?: () => void }).gc;
// Let the event loop drain what the sync queued (SSE fan-out, timers) before measuring what stays resident.
await new Promise((resolve) => setTimeout(resolve, 500));
gc?.();
gc?.();
const mem = process.memoryUsage();
const objects = cluster.caches().reduce((sum, c) => sum + c.count, 0);
console.log(
  JSON.stringify({
    url: server.url,
    cluster: cluster.name,
    loadedMs,
    listeningMs,
    readyMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    objects,
    rssMB: mem.rss / 2 ** 20,
    heapUsedMB: mem.heapUsed / 2 ** 20,
    heapTotalMB: mem.heapTotal / 2 ** 20,
    externalMB: mem.external / 2 ** 20,
    arrayBuffersMB: mem.arrayBuffers / 2 ** 20,
    peakRssMB,
    gcExposed: gc !== undefined,
  }),
);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
// SIGUSR2: collect garbage and print the memory in use, so a benchmark can see whether it returns to its level.
process.on("SIGUSR2", () => {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  console.log(JSON.stringify({ memory: true, rssMB: m.rss / 2 ** 20, heapUsedMB: m.heapUsed / 2 ** 20 }));
});
