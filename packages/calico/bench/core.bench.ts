/**
 * Calico engine benchmarks (issue 3 "Checked by"): selector parsing and evaluation on every distinct selector in the
 * fixtures, match-index build for generated clusters, and one endpoint's label change. Methods:
 * docs/calico-semantics.md section 7 names upstream's equivalents (BenchmarkParse, BenchmarkWorkloadUpdate…).
 */

import type { Bench, BenchResult } from "../../../bench/types";
import {
  generateCluster,
  indexCluster,
  parseSelector,
  type Selector,
  type SelectorNode,
  seededRandom,
  workloadEndpointFromPod,
} from "../src/index";
import { fixtureSelectors } from "./fixture-selectors";

const SIZES = [
  { endpoints: 1_000, policies: 200 },
  { endpoints: 5_000, policies: 1_000 },
  { endpoints: 10_000, policies: 2_000 },
] as const;

/**
 * Runs `fn` repeatedly for about `ms` milliseconds; returns operations per CPU second (the machine is shared, so CPU
 * time, not wall time, is what one core delivers).
 */
function opsPerSecond(ms: number, batch: number, fn: () => void): number {
  let ops = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  while (performance.now() - start < ms) {
    fn();
    ops += batch;
  }
  const cpu = process.cpuUsage(cpu0);
  return Math.round((ops / (cpu.user + cpu.system)) * 1_000_000);
}

function selectorBenches(): BenchResult[] {
  const sources = fixtureSelectors();
  const selectors = sources.map((s) => {
    const r = parseSelector(s);
    if (!r.ok) throw new Error(`fixture selector does not parse: ${s}: ${r.error.message}`);
    return r.value;
  });
  const parse = opsPerSecond(1000, sources.length, () => {
    for (const s of sources) parseSelector(s);
  });
  const parseFull = opsPerSecond(1000, sources.length, () => {
    for (const s of sources) {
      const r = parseSelector(s);
      if (r.ok) r.value.uniqueId();
    }
  });
  const labelSets = selectors.map((s, i) => labelsFor(s, i));
  const pairs = selectors.length * (labelSets[0]?.length ?? 0);
  let matches = 0;
  const evals = opsPerSecond(1500, pairs, () => {
    for (let i = 0; i < selectors.length; i++) {
      const sel = selectors[i] as Selector;
      for (const labels of labelSets[i] ?? []) if (sel.evaluate(labels)) matches++;
    }
  });
  if (matches === 0) throw new Error("no generated label set matched any selector");
  return [
    { name: `fixture selectors (distinct)`, value: sources.length, unit: "selectors" },
    { name: "selector parse (CPU)", value: parse, unit: "ops/s" },
    { name: "selector parse + canonical + uniqueId (CPU)", value: parseFull, unit: "ops/s" },
    {
      name: "selector evaluation, fixtures × generated labels (CPU)",
      value: evals,
      unit: "evals/s",
      target: ">= 5000000",
    },
  ];
}

/** 32 label maps per selector over its own label names and literal values, some matching and some not. */
function labelsFor(selector: Selector, seed: number): Map<string, string>[] {
  const names = new Set<string>();
  const values = new Set<string>(["x", "other"]);
  const walk = (n: SelectorNode): void => {
    if ("label" in n) names.add(n.label);
    if ("value" in n) values.add(n.value);
    if ("values" in n) for (const v of n.values) values.add(v);
    if ("operand" in n) walk(n.operand);
    if ("operands" in n) for (const o of n.operands) walk(o);
  };
  walk(selector.root);
  const rnd = seededRandom(seed + 1);
  const nameList = [...names, "app", "kubernetes.io/hostname", "pod-template-hash"];
  const valueList = [...values];
  return Array.from({ length: 32 }, () => {
    const m = new Map<string, string>();
    for (const name of nameList) if (rnd.next() < 0.7) m.set(name, rnd.pick(valueList));
    return m;
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

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
  run: async () => [...selectorBenches(), ...indexBenches()],
};
