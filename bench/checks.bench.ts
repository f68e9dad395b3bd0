/**
 * Checks of a proposed change at the real-world profile's size (issue 21): kube-sim `large --profile real-world`
 * with 15,000 policies and 10,000 endpoints (about 9,500 pods in 1,060 namespaces, 238 workers) and the bundled BFF
 * (bff.bench.ts's child). Validate, diff and dry-run are each sent one changed Kubernetes NetworkPolicy at a time,
 * one request after another, a different policy each time; then the connectivity diff of such a change (nine times),
 * and packets between two pods are explained. Wall time
 * per request (p50 and p99 by nearest rank), and the BFF's heap after forced garbage collection before and after all
 * the checks: a what-if must leave nothing behind.
 */
import { generateCluster } from "@palisade/calico";
import { CSRF_HEADER } from "@palisade/contract";
import type { LargeScenarioSize } from "@palisade/kube-sim";
import { bundleServerChild } from "./bff/bundle";
import { startBff } from "./bff.bench";
import type { Child } from "./processes";
import { startLargeSim } from "./sim";
import type { Bench, BenchResult } from "./types";

const SIZE: LargeScenarioSize = { nodes: 238, pods: 9_524, policies: 15_000, profile: "real-world" };
const WARM_UP = 5;
const REQUESTS = 40;

const nearestRank = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;
const round = (x: number) => Number(x.toFixed(1));

/** Asks the BFF child to collect garbage and report its memory (server.child.ts, SIGUSR2). */
async function heapUsedMB(child: Child, seen: number): Promise<number> {
  let n = 0;
  const line = child.waitForLine((l) => l.startsWith('{"memory"') && n++ === seen, 60_000);
  child.process.kill("SIGUSR2");
  return (JSON.parse(await line) as { heapUsedMB: number }).heapUsedMB;
}

/**
 * One request's wall time. An untimed one may be refused with 503 while the BFF's event loop is still catching up
 * (a forced collection of a large heap on a loaded machine lags it by seconds): it is retried after `Retry-After`.
 */
async function post(url: string, body: unknown, untimed: boolean): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (res.status === 200) return ms;
    if (res.status === 503 && untimed && attempt < 10) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get("retry-after") ?? 5)));
      continue;
    }
    throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  }
}

/** Wall times of `requests` requests after `warmUp` untimed ones, sorted. */
async function timedRequests(
  url: string,
  body: (i: number) => unknown,
  warmUp = WARM_UP,
  requests = REQUESTS,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmUp + requests; i++) {
    const ms = await post(url, body(i), i < warmUp);
    if (i >= warmUp) times.push(ms);
  }
  return times.sort((a, b) => a - b);
}

async function run(): Promise<BenchResult[]> {
  const generated = generateCluster({
    endpoints: 2 * SIZE.nodes + SIZE.pods,
    policies: SIZE.policies,
    profile: SIZE.profile,
  });
  // Policies that select one app, each pointed at all pods of its namespace: a change with an impact to compute.
  const changed = generated.kubernetesPolicies
    .filter((p) => p.spec.podSelector?.matchLabels !== undefined)
    .map((p) => JSON.stringify({ ...p, spec: { ...p.spec, podSelector: {} } }));
  const yaml = (i: number) => ({ yaml: changed[(i * 97) % changed.length] });
  const [a, b] = generated.pods;
  if (a === undefined || b === undefined) throw new Error("no pods generated");

  const sim = await startLargeSim(SIZE);
  try {
    const bff = await startBff(await bundleServerChild(), sim.kubeconfig);
    try {
      const base = `${bff.ready.url}/api/v1/clusters/${bff.ready.cluster}`;
      const before = await heapUsedMB(bff.child, 0);
      const out: BenchResult[] = [];
      const label = `${SIZE.policies} policies × ${2 * SIZE.nodes + SIZE.pods} endpoints, real-world`;
      for (const check of ["validate", "diff", "dry-run"] as const) {
        const times = await timedRequests(`${base}/${check}`, yaml);
        out.push(
          { name: `${check} one policy wall (p50), ${label}`, value: round(nearestRank(times, 0.5)), unit: "ms" },
          {
            name: `${check} one policy wall (p99), ${label}`,
            value: round(nearestRank(times, 0.99)),
            unit: "ms",
            target: "< 100",
          },
        );
      }
      const after = await heapUsedMB(bff.child, 1);
      out.push(
        { name: `BFF heap before the checks, ${label}`, value: round(before), unit: "MB" },
        { name: `BFF heap after ${3 * (WARM_UP + REQUESTS)} checks, ${label}`, value: round(after), unit: "MB" },
      );
      // The whole-cluster connectivity diff walks thousands of packets per change: fewer, slower requests.
      const connectivity = await timedRequests(`${base}/connectivity`, yaml, 1, 9);
      out.push(
        {
          name: `connectivity diff of one policy wall (p50), ${label}`,
          value: round(nearestRank(connectivity, 0.5)),
          unit: "ms",
          target: "< 1000",
        },
        {
          name: `connectivity diff of one policy wall (max), ${label}`,
          value: round(connectivity.at(-1) ?? 0),
          unit: "ms",
        },
      );
      const explain = await timedRequests(`${base}/explain`, (i) => ({
        endpoint: `wep/${a.metadata.namespace}/${a.metadata.name}`,
        direction: i % 2 === 0 ? "Ingress" : "Egress",
        peer: { endpoint: `wep/${b.metadata.namespace}/${b.metadata.name}` },
        protocol: "TCP",
        port: 8080 + (i % 3),
      }));
      out.push(
        { name: `explain one packet wall (p50), ${label}`, value: round(nearestRank(explain, 0.5)), unit: "ms" },
        {
          name: `explain one packet wall (p99), ${label}`,
          value: round(nearestRank(explain, 0.99)),
          unit: "ms",
          target: "< 20",
        },
      );
      return out;
    } finally {
      await bff.child.stop();
    }
  } finally {
    await sim.stop();
  }
}

export const checksBench: Bench = { name: "checks", run };
