/**
 * IBM's isolation sets on a cluster of 1,000 endpoints (the `large` scenario: 10 nodes, so 20 host endpoints, and
 * 980 pods; 200 policies): generating a set (pure), and planning it in the BFF (generate, plan against the cache,
 * what-if index, probes explained before and after, lock-out check), warm, as the dashboard asks for it.
 */

import { parseServeConfig, startServer } from "@palisade/bff";
import { generateIsolationSet, ISOLATION_SETS } from "@palisade/calico";
import { startLargeSim } from "./sim";
import type { Bench, BenchResult } from "./types";

const SIZE = { nodes: 10, pods: 980, policies: 200 };
const RUNS = 15;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function timed(run: () => Promise<unknown> | unknown): Promise<number> {
  await run(); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return median(times);
}

export const policySetsBench: Bench = {
  name: "policy-sets",
  async run(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    const every = ISOLATION_SETS["public-isolation"].members.filter((m) => m.optional).map((m) => m.id);
    const generate = await timed(() => generateIsolationSet("public-isolation", { region: "us-south", with: every }));
    results.push({
      name: "policy-sets: generate public-isolation (every member)",
      value: Math.round(generate * 1000),
      unit: "µs",
    });

    const sim = await startLargeSim(SIZE);
    const server = await startServer(
      parseServeConfig(["--kubeconfig", sim.kubeconfig, "--port", "0", "--audit-log", "/dev/null"], {}),
      { PALISADE_LOG: "off" },
    );
    try {
      const cluster = server.clusters.list()[0];
      if (cluster === undefined) throw new Error("no cluster");
      await cluster.whenReady();
      for (const set of ["public-isolation", "private-isolation"] as const) {
        const ms = await timed(async () => {
          const res = await server.app.inject({
            method: "POST",
            url: `/api/v1/clusters/${encodeURIComponent(cluster.name)}/policy-sets/${set}/plan`,
            headers: { "x-palisade-csrf": "1" },
            payload: { region: "us-south" },
          });
          if (res.statusCode !== 200) throw new Error(`plan ${set}: ${res.statusCode} ${res.body}`);
        });
        results.push({
          name: `policy-sets: plan ${set} with impact, 1,000 endpoints`,
          value: Math.round(ms),
          unit: "ms",
          target: "< 1000 ms",
        });
      }
    } finally {
      await server.close();
      await sim.stop();
    }
    return results;
  },
};
