/**
 * Checks of a proposed change at the real-world profile's size (issue 21): kube-sim `large --profile real-world`
 * with 15,000 policies and 10,000 endpoints (about 9,500 pods in 1,060 namespaces, 238 workers) and the bundled BFF
 * (bff.bench.ts's child). Validate, diff and dry-run are each sent one changed Kubernetes NetworkPolicy at a time,
 * one request after another, a different policy each time; then the whole-cluster connectivity diff of such a change
 * (nine times) and of a broad one, a namespace's egress opened to everything (three times, `/healthz` asked meanwhile),
 * and packets between two pods are explained. Wall time per request (p50 and p99 by nearest rank), the BFF's CPU time
 * per connectivity diff, the load average, and the BFF's heap after forced garbage collection before and after all
 * the checks: a what-if must leave nothing behind.
 */
import { loadavg } from "node:os";
import { generateCluster } from "@palisade/calico";
import type { ConnectivityDiff } from "@palisade/contract";
import type { LargeScenarioSize } from "@palisade/kube-sim";
import { nearestRank, postJson, round1, whileAskingHealth, withBundledBff } from "./bff/bundled";
import { type Child, processCpuMs } from "./processes";
import type { Bench, BenchResult } from "./types";

const SIZE: LargeScenarioSize = { nodes: 238, pods: 9_524, policies: 15_000, profile: "real-world" };
const WARM_UP = 5;
const REQUESTS = 40;

/** Asks the BFF child to collect garbage and report its memory (server.child.ts, SIGUSR2). */
async function heapUsedMB(child: Child, seen: number): Promise<number> {
  let n = 0;
  const line = child.waitForLine((l) => l.startsWith('{"memory"') && n++ === seen, 60_000);
  child.process.kill("SIGUSR2");
  return (JSON.parse(await line) as { heapUsedMB: number }).heapUsedMB;
}

interface Timed {
  /** Wall time of the request. */
  readonly ms: number;
  /** CPU the BFF process spent meanwhile. */
  readonly cpuMs: number;
  readonly text: string;
  /** Times the BFF refused it with 503 first (its event loop lagged past the overload limit). */
  readonly refused: number;
}

/**
 * One request, timed. It may be refused with 503 while the BFF's event loop is still catching up (a forced
 * collection of a large heap, or a step of a connectivity diff, on a loaded machine lags it by seconds): it is
 * retried after `Retry-After`, the refusals counted, and the time of the answered attempt kept.
 */
async function post(child: Child, url: string, body: unknown): Promise<Timed> {
  const pid = child.process.pid;
  if (pid === undefined) throw new Error("the BFF child has no pid");
  for (let attempt = 0; ; attempt++) {
    const cpu = processCpuMs(pid);
    const res = await postJson(url, body);
    const cpuMs = processCpuMs(pid) - cpu;
    if (res.status === 200) return { ms: res.ms, cpuMs, text: res.text, refused: attempt };
    if (res.status === 503 && attempt < 10) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.retryAfter ?? 5)));
      continue;
    }
    throw new Error(`${url} answered ${res.status}: ${res.text.slice(0, 300)}`);
  }
}

/** `requests` requests after `warmUp` untimed ones, one after another. */
async function timedRequests(
  child: Child,
  url: string,
  body: (i: number) => unknown,
  warmUp = WARM_UP,
  requests = REQUESTS,
): Promise<Timed[]> {
  const out: Timed[] = [];
  for (let i = 0; i < warmUp + requests; i++) {
    const timed = await post(child, url, body(i));
    if (i >= warmUp) out.push(timed);
  }
  return out;
}

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

/** The connectivity diffs' figures: wall and BFF CPU (median and max), packets walked, changes listed. */
function connectivityFigures(what: string, label: string, timed: readonly Timed[]): BenchResult[] {
  const walls = sorted(timed.map((t) => t.ms));
  const cpus = sorted(timed.map((t) => t.cpuMs));
  const diffs = timed.map((t) => JSON.parse(t.text) as ConnectivityDiff);
  const median = (xs: readonly number[]) => round1(nearestRank(xs, 0.5));
  return [
    { name: `connectivity diff of ${what} wall (p50), ${label}`, value: median(walls), unit: "ms" },
    { name: `connectivity diff of ${what} wall (max), ${label}`, value: round1(walls.at(-1) ?? 0), unit: "ms" },
    {
      name: `connectivity diff of ${what} BFF CPU (p50), ${label}`,
      value: median(cpus),
      unit: "ms",
      target: "< 1000",
    },
    { name: `connectivity diff of ${what} BFF CPU (max), ${label}`, value: round1(cpus.at(-1) ?? 0), unit: "ms" },
    {
      name: `connectivity diff of ${what} packets walked per side (max), ${label}`,
      value: Math.max(...diffs.map((d) => d.probes)),
      unit: "packets",
    },
    {
      name: `connectivity diff of ${what} changes listed (max), ${label}`,
      value: Math.max(...diffs.map((d) => d.changes.length)),
      unit: "rows",
    },
    {
      name: `connectivity diffs of ${what} refused with 503 first, ${label}`,
      value: timed.reduce((n, t) => n + t.refused, 0),
      unit: "refusals",
    },
    {
      name: `connectivity diffs of ${what} cut short by the budget, ${label}`,
      value: diffs.filter((d) => !d.complete).length,
      unit: "diffs",
      target: "<= 0",
    },
  ];
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
  // A broad change: every pod of a tenant namespace may now send anywhere (its egress was default-deny).
  const tenants = generated.namespaces.map((n) => n.metadata.name).filter((n) => n.startsWith("tenant-"));
  const openEgress = (i: number) => ({
    yaml: JSON.stringify({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "bench-open-egress", namespace: tenants[(i * 97) % tenants.length] },
      spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{}] },
    }),
  });
  const [a, b] = generated.pods;
  if (a === undefined || b === undefined) throw new Error("no pods generated");

  return withBundledBff(SIZE, async (bff) => {
    const base = bff.cluster;
    const before = await heapUsedMB(bff.child, 0);
    const out: BenchResult[] = [];
    const label = `${SIZE.policies} policies × ${2 * SIZE.nodes + SIZE.pods} endpoints, real-world`;
    for (const check of ["validate", "diff", "dry-run"] as const) {
      const times = sorted((await timedRequests(bff.child, `${base}/${check}`, yaml)).map((t) => t.ms));
      out.push(
        { name: `${check} one policy wall (p50), ${label}`, value: round1(nearestRank(times, 0.5)), unit: "ms" },
        {
          name: `${check} one policy wall (p99), ${label}`,
          value: round1(nearestRank(times, 0.99)),
          unit: "ms",
          target: "< 100",
        },
      );
    }
    const after = await heapUsedMB(bff.child, 1);
    out.push(
      { name: `BFF heap before the checks, ${label}`, value: round1(before), unit: "MB" },
      { name: `BFF heap after ${3 * (WARM_UP + REQUESTS)} checks, ${label}`, value: round1(after), unit: "MB" },
    );
    // The whole-cluster connectivity diff walks many packets per change: fewer requests.
    const load = loadavg()[0] ?? 0;
    const narrow = await timedRequests(bff.child, `${base}/connectivity`, yaml, 1, 9);
    out.push(...connectivityFigures("one policy widened", label, narrow));
    const broad = await timedRequests(bff.child, `${base}/connectivity`, openEgress, 1, 2);
    const { result: last, health } = await whileAskingHealth(bff.url, () =>
      post(bff.child, `${base}/connectivity`, openEgress(3)),
    );
    out.push(
      ...connectivityFigures("a namespace's egress opened", label, [...broad, last]),
      {
        name: `/healthz wall (max) during the connectivity diff of a namespace's egress opened, ${label}`,
        value: round1(health.at(-1) ?? Number.NaN),
        unit: "ms",
      },
      { name: "load average (1 min) at the connectivity diffs' start", value: round1(load), unit: "" },
      { name: "load average (1 min) at their end", value: round1(loadavg()[0] ?? 0), unit: "" },
    );
    const explain = sorted(
      (
        await timedRequests(bff.child, `${base}/explain`, (i) => ({
          endpoint: `wep/${a.metadata.namespace}/${a.metadata.name}`,
          direction: i % 2 === 0 ? "Ingress" : "Egress",
          peer: { endpoint: `wep/${b.metadata.namespace}/${b.metadata.name}` },
          protocol: "TCP",
          port: 8080 + (i % 3),
        }))
      ).map((t) => t.ms),
    );
    out.push(
      { name: `explain one packet wall (p50), ${label}`, value: round1(nearestRank(explain, 0.5)), unit: "ms" },
      {
        name: `explain one packet wall (p99), ${label}`,
        value: round1(nearestRank(explain, 0.99)),
        unit: "ms",
        target: "< 20",
      },
    );
    return out;
  });
}

export const checksBench: Bench = { name: "checks", run };
