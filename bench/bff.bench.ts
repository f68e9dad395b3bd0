/**
 * BFF at scale, at three sizes of the demo cluster's `large` scenario (about 12.5k, 25k and 50k objects; 500, 1,000
 * and 2,000 policies; the generator picks about one worker per 110 pods): cold start to ready and, as its floor, the bare list of the same objects; resident memory with
 * everything cached; the policy list under 100 concurrent clients (autocannon). Each server is its own process.
 */

import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LargeScenarioSize } from "@palisade/kube-sim";
import autocannon from "autocannon";
import { bundleServerChild } from "./bff/bundle";
import { spawnNode, spawnTs } from "./processes";
import { startLargeSim } from "./sim";
import type { Bench, BenchResult } from "./types";

export const BFF_SIZES: readonly LargeScenarioSize[] = [
  { nodes: 100, pods: 10_500, policies: 500 },
  { nodes: 200, pods: 21_000, policies: 1_000 },
  { nodes: 400, pods: 42_000, policies: 2_000 },
];
const CLIENTS = 100;
const LOAD_SECONDS = 10;
const READY_TIMEOUT_MS = 600_000;

interface Floor {
  readonly typedMs: number;
  readonly rawMs: number;
  readonly objects: number;
}

export interface Ready {
  readonly url: string;
  readonly cluster: string;
  readonly loadedMs: number;
  readonly readyMs: number;
  readonly cpuMs: number;
  readonly objects: number;
  readonly rssMB: number;
  readonly heapUsedMB: number;
  readonly peakRssMB: number;
}

const round = (x: number) => Math.round(x);

/** Starts the bundled BFF child on `kubeconfig` and waits for its ready line. */
export async function startBff(bundle: string, kubeconfig: string, extra: readonly string[] = []) {
  const child = spawnNode(["--expose-gc", bundle, kubeconfig, ...extra]);
  try {
    const line = await child.waitForLine((l) => l.startsWith("{"), READY_TIMEOUT_MS);
    return { child, ready: JSON.parse(line) as Ready };
  } catch (err) {
    await child.stop();
    throw err;
  }
}

async function listFloor(kubeconfig: string): Promise<Floor> {
  const child = spawnTs("bench/bff/list-floor.child.ts", [kubeconfig]);
  try {
    return JSON.parse(await child.waitForLine((l) => l.startsWith("{"), READY_TIMEOUT_MS)) as Floor;
  } finally {
    await child.stop();
  }
}

/** Checks the list once, saves its bytes, then loads it with `CLIENTS` concurrent clients for `LOAD_SECONDS`. */
async function policyLoad(url: string, policies: number, saveTo: string): Promise<autocannon.Result> {
  const res = await fetch(url);
  const text = await res.text();
  const count = (JSON.parse(text) as { items?: unknown[] }).items?.length;
  if (res.status !== 200 || count !== policies) {
    throw new Error(`${url} answered ${res.status} with ${count} policies, expected ${policies}`);
  }
  writeFileSync(saveTo, text);
  return load(url);
}

const load = (url: string, headers: Record<string, string> = {}) =>
  autocannon({ url, connections: CLIENTS, duration: LOAD_SECONDS, timeout: 10, headers });

/**
 * The same bytes served from memory by a bare Node http server, as they are and gzipped (as browsers ask): what any
 * server could do here at best.
 */
async function ceiling(bodyFile: string): Promise<{ plain: autocannon.Result; gzip: autocannon.Result }> {
  const child = spawnTs("bench/bff/static.child.ts", [bodyFile]);
  try {
    const url = await child.waitForLine((l) => l.startsWith("http://"), 60_000);
    return { plain: await load(url), gzip: await load(url, { "accept-encoding": "gzip" }) };
  } finally {
    await child.stop();
  }
}

async function measureSize(size: LargeScenarioSize, bundle: string): Promise<BenchResult[]> {
  const big = size.policies === 2_000;
  const sim = await startLargeSim(size);
  try {
    const floor = await listFloor(sim.kubeconfig);
    const label = `${Math.round(floor.objects / 100) / 10}k objects`;
    const { child, ready } = await startBff(bundle, sim.kubeconfig);
    try {
      if (ready.objects !== floor.objects) {
        throw new Error(`the BFF cached ${ready.objects} objects, the list returned ${floor.objects}`);
      }
      const endpoint = `${ready.url}/api/v1/clusters/${encodeURIComponent(ready.cluster)}/policies`;
      const bodyDir = mkdtempSync(join(tmpdir(), "palisade-bench-list-"));
      const bodyFile = join(bodyDir, "policies.json");
      const result = await policyLoad(endpoint, size.policies, bodyFile);
      const failures = result.errors + result.timeouts + result.non2xx;
      const clients = `${size.policies} policies, ${CLIENTS} clients`;
      const bound = big ? await ceiling(bodyFile) : undefined;
      const bodyKB = round(statSync(bodyFile).size / 1024);
      rmSync(bodyDir, { recursive: true, force: true });
      return [
        { name: `objects listed, ${label}`, value: floor.objects, unit: "objects" },
        { name: `list floor, client-node typed APIs, ${label}`, value: round(floor.typedMs), unit: "ms" },
        { name: `list floor, raw JSON (BFF transport), ${label}`, value: round(floor.rawMs), unit: "ms" },
        { name: `BFF cold start to ready, ${label}`, value: round(ready.readyMs), unit: "ms" },
        { name: `BFF sync after module load, ${label}`, value: round(ready.readyMs - ready.loadedMs), unit: "ms" },
        { name: `BFF CPU to ready, ${label}`, value: round(ready.cpuMs), unit: "ms" },
        {
          name: `BFF RSS, ${label} cached`,
          value: round(ready.rssMB),
          unit: "MB",
          ...(big ? { target: "< 500" } : {}),
        },
        { name: `BFF peak RSS during sync, ${label}`, value: round(ready.peakRssMB), unit: "MB" },
        { name: `BFF heap used, ${label} cached`, value: round(ready.heapUsedMB), unit: "MB" },
        {
          name: `policy list response size, ${size.policies} policies`,
          value: bodyKB,
          unit: "KB",
        },
        { name: `policy list p50, ${clients}`, value: result.latency.p50, unit: "ms" },
        {
          name: `policy list p99, ${clients}`,
          value: result.latency.p99,
          unit: "ms",
          ...(big ? { target: "< 50" } : {}),
        },
        { name: `policy list throughput, ${clients}`, value: round(result.requests.average), unit: "req/s" },
        {
          name: `policy list errors, ${clients}`,
          value: failures,
          unit: "requests",
          ...(big ? { target: "<= 0" } : {}),
        },
        ...(bound === undefined
          ? []
          : [
              { name: "ceiling: same bytes from bare Node http, p99", value: bound.plain.latency.p99, unit: "ms" },
              {
                name: "ceiling: same bytes from bare Node http, throughput",
                value: round(bound.plain.requests.average),
                unit: "req/s",
              },
              { name: "ceiling: same bytes gzipped once, p99", value: bound.gzip.latency.p99, unit: "ms" },
              {
                name: "ceiling: same bytes gzipped once, throughput",
                value: round(bound.gzip.requests.average),
                unit: "req/s",
              },
            ]),
      ];
    } finally {
      await child.stop();
    }
  } finally {
    await sim.stop();
  }
}

export const bffBench: Bench = {
  name: "bff",
  async run() {
    const bundle = await bundleServerChild();
    const out: BenchResult[] = [];
    for (const size of BFF_SIZES) out.push(...(await measureSize(size, bundle)));
    return out;
  },
};
