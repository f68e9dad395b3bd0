/**
 * Calico engine benchmarks (issue 3 "Checked by"): selector parsing and evaluation on every distinct selector in the
 * fixtures, beside Calico's own Go code on the same inputs (selector-benches.ts), match-index build for generated
 * clusters, and one endpoint's label change. Methods:
 * docs/calico-semantics.md section 7 names upstream's equivalents (BenchmarkParse, BenchmarkWorkloadUpdate…).
 */

import { generateCluster, indexCluster, seededRandom, workloadEndpointFromPod } from "@palisade/calico";
import { selectorBenches } from "./calico/selector-benches";
import { median } from "./calico/stats";
import type { Bench, BenchResult } from "./types";

const SIZES = [
  { endpoints: 1_000, policies: 200 },
  { endpoints: 5_000, policies: 1_000 },
  { endpoints: 10_000, policies: 2_000 },
] as const;

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** Wall and CPU milliseconds of `fn`. CPU time is what "on one core" means on a shared, loaded machine. */
function timed(fn: () => void): { wall: number; cpu: number } {
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const u = process.cpuUsage(u0);
  return { wall, cpu: (u.user + u.system) / 1000 };
}

/** Collects the previous round's garbage before timing the next, when node runs with --expose-gc. */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function indexBenches(): BenchResult[] {
  indexCluster(generateCluster({ endpoints: 1_000, policies: 200, seed: 99 }));
  const out: BenchResult[] = [];
  for (const size of SIZES) {
    const cluster = generateCluster({ ...size, seed: 1 });
    const label = `${size.endpoints} endpoints × ${size.policies} policies`;
    const big = size.endpoints === 10_000;
    let idx = indexCluster(cluster);
    const builds: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < 5; i++) {
      collectGarbage();
      builds.push(
        timed(() => {
          idx = indexCluster(cluster);
        }),
      );
    }
    out.push({
      name: `index build CPU, ${label}`,
      value: round(median(builds.map((b) => b.cpu)), 1),
      unit: "ms",
      ...(big ? { target: "< 500" } : {}),
    });
    out.push({ name: `index build wall, ${label}`, value: round(median(builds.map((b) => b.wall)), 1), unit: "ms" });

    const rnd = seededRandom(3);
    const changes = Array.from({ length: 2_000 }, () => {
      const pod = rnd.pick(cluster.pods);
      const app = `app-${pod.metadata.namespace.slice(3)}-${rnd.int(10)}`;
      return workloadEndpointFromPod({
        ...pod,
        metadata: { ...pod.metadata, labels: { ...pod.metadata.labels, app } },
      });
    });
    collectGarbage();
    const walls: number[] = [];
    const total = timed(() => {
      for (const ep of changes) {
        const t0 = performance.now();
        idx.upsertEndpoint(ep);
        idx.policiesForEndpoint(ep.id);
        walls.push(performance.now() - t0);
      }
    });
    walls.sort((a, b) => a - b);
    out.push({
      name: `endpoint label change CPU (mean), ${label}`,
      value: round(total.cpu / changes.length),
      unit: "ms",
      ...(big ? { target: "< 1" } : {}),
    });
    out.push({
      name: `endpoint label change wall (p50), ${label}`,
      value: round(walls[Math.floor(walls.length / 2)] ?? 0),
      unit: "ms",
    });
    out.push({
      name: `endpoint label change wall (p99), ${label}`,
      value: round(walls[Math.floor(walls.length * 0.99)] ?? 0),
      unit: "ms",
    });
  }
  return out;
}

export const coreBench: Bench = {
  name: "calico-core",
  run: async () => [...(await selectorBenches()), ...indexBenches()],
};
