/**
 * The whole-cluster connectivity diff of one proposed change (issue 21's what-if target: under 1 s at 15,000 policies
 * × 10,000 endpoints), in process, on the real-world profile and the synthetic mix: one policy widened, one narrowed,
 * IBM's public-isolation set, a namespace's egress opened to everything, a global deny. CPU time, cold (a fresh index)
 * and warm. Method and figures: docs/performance.md.
 */
import type { WhatIfRun } from "./calico/whatif.child";
import { tsChildResult } from "./processes";
import type { Bench, BenchResult } from "./types";

const SIZE = { endpoints: 10_000, policies: 15_000 };
const PROFILES = ["real-world", "synthetic"] as const;

export const whatIfBench: Bench = {
  name: "whatif",
  async run(): Promise<BenchResult[]> {
    const out: BenchResult[] = [];
    for (const profile of PROFILES) {
      const { capMs, changes } = await tsChildResult<WhatIfRun>(
        "bench/calico/whatif.child.ts",
        [String(SIZE.endpoints), String(SIZE.policies), profile],
        1_800_000,
      );
      const at = `15k policies × 10k endpoints, ${profile}`;
      for (const c of changes) {
        // A diff cut short by its packet budget, or stopped at the CPU cap, is no figure of the whole: say so.
        const note = c.stopped ? ` (STOPPED at ${capMs / 1000} s of CPU)` : c.complete ? "" : " (INCOMPLETE)";
        const name = `what-if CPU, ${c.name}${note}, ${at}`;
        out.push({ name: `${name}, cold`, value: Math.round(c.coldCpuMs), unit: "ms", target: "< 1000" });
        if (c.warmCpuMs !== undefined) {
          out.push({ name: `${name}, warm`, value: Math.round(c.warmCpuMs), unit: "ms", target: "< 1000" });
        }
        if (c.stopped) continue;
        out.push(
          { name: `what-if packets walked per side, ${c.name}, ${at}`, value: c.probes, unit: "packets" },
          { name: `what-if rows, ${c.name}, ${at}`, value: c.rows, unit: "rows" },
        );
      }
    }
    return out;
  },
};
