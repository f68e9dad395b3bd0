/**
 * BFF at scale, at three sizes of the demo cluster's `large` scenario (about 12.5k, 25k and 50k objects; 500, 1,000
 * and 2,000 policies): cold start to ready and, as its floor, the bare list of the same objects; resident memory with
 * everything cached; the policy list under 100 concurrent clients (autocannon). Each server is its own process.
 */

import type { LargeScenarioSize } from "@palisade/kube-sim";
import autocannon from "autocannon";
import { bundleServerChild } from "./bff/bundle";
import { spawnNode, spawnTs } from "./processes";
import { largeScenarioObjects, startLargeSim } from "./sim";
import type { Bench, BenchResult } from "./types";

export const BFF_SIZES: readonly LargeScenarioSize[] = [
  { nodes: 125, pods: 11_400, policies: 500 },
  { nodes: 250, pods: 22_800, policies: 1_000 },
  { nodes: 500, pods: 45_600, policies: 2_000 },
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

async function policyLoad(url: string, policies: number): Promise<autocannon.Result> {
  const res = await fetch(url);
  const body = (await res.json()) as { items?: unknown[] };
  if (res.status !== 200 || body.items?.length !== policies) {
    throw new Error(`${url} answered ${res.status} with ${body.items?.length} policies, expected ${policies}`);
  }
  return autocannon({ url, connections: CLIENTS, duration: LOAD_SECONDS, timeout: 10 });
}

async function measureSize(size: LargeScenarioSize, bundle: string): Promise<BenchResult[]> {
  const expected = largeScenarioObjects(size);
  const label = `${Math.round(expected / 100) / 10}k objects`;
  const big = size.policies === 2_000;
  const sim = await startLargeSim(size);
  try {
    const floor = await listFloor(sim.kubeconfig);
    const { child, ready } = await startBff(bundle, sim.kubeconfig);
    try {
      if (ready.objects !== floor.objects) {
        throw new Error(`the BFF cached ${ready.objects} objects, the list returned ${floor.objects}`);
      }
      const endpoint = `${ready.url}/api/v1/clusters/${encodeURIComponent(ready.cluster)}/policies`;
      const load = await policyLoad(endpoint, size.policies);
      const failures = load.errors + load.timeouts + load.non2xx;
      const clients = `${size.policies} policies, ${CLIENTS} clients`;
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
        { name: `policy list p50, ${clients}`, value: load.latency.p50, unit: "ms" },
        {
          name: `policy list p99, ${clients}`,
          value: load.latency.p99,
          unit: "ms",
          ...(big ? { target: "< 50" } : {}),
        },
        { name: `policy list throughput, ${clients}`, value: round(load.requests.average), unit: "req/s" },
        {
          name: `policy list errors, ${clients}`,
          value: failures,
          unit: "requests",
          ...(big ? { target: "<= 0" } : {}),
        },
      ];
    } finally {
      await child.stop();
    }
  } finally {
    await sim.child.stop();
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
