/**
 * One large request and everyone else (issue 18, item 6): the bundled BFF (bff.bench.ts's child) on a kube-sim in its
 * own process answers a 500-document dry-run (the most one request may carry) while a client asks `/healthz` again
 * as soon as each answer arrives. The longest and the 99th-percentile `/healthz` wall time during the dry-run are the
 * event-loop delay other people see; the dry-run's own wall time is reported beside them.
 */
import { MAX_DOCUMENTS } from "@palisade/contract";
import { nearestRank, postJson, round1, whileAskingHealth, withBundledBff } from "./bff/bundled";
import type { Bench, BenchResult } from "./types";

const policy = (i: number) => `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: bench-dry-run-${i}
spec:
  order: ${2000 + i}
  selector: app == 'a${i % 50}'
  types: [Ingress]
  ingress:
    - action: Allow
      protocol: TCP
      destination: { ports: [${1000 + i}] }
`;

async function run(): Promise<BenchResult[]> {
  return withBundledBff({ nodes: 20, pods: 1_000, policies: 200 }, async (bff) => {
    const yaml = Array.from({ length: MAX_DOCUMENTS }, (_, i) => policy(i)).join("---\n");
    const out: BenchResult[] = [];
    for (const round of [1, 2]) {
      const { result: res, health } = await whileAskingHealth(bff.url, () =>
        postJson(`${bff.cluster}/dry-run`, { yaml }),
      );
      if (res.status !== 200) throw new Error(`dry-run answered ${res.status}: ${res.text.slice(0, 300)}`);
      // The first round warms the BFF up (JIT, connections); the second is the figure.
      if (round === 1) continue;
      const label = `during a ${MAX_DOCUMENTS}-document dry-run`;
      out.push(
        { name: `dry-run of ${MAX_DOCUMENTS} documents wall`, value: round1(res.ms), unit: "ms" },
        { name: `/healthz answers ${label}`, value: health.length, unit: "requests" },
        { name: `/healthz wall (p99) ${label}`, value: round1(nearestRank(health, 0.99)), unit: "ms" },
        {
          name: `/healthz wall (max) ${label}`,
          value: round1(health.at(-1) ?? Number.NaN),
          unit: "ms",
          target: "< 250",
        },
      );
    }
    return out;
  });
}

export const dryRunBench: Bench = { name: "dry-run", run };
