/**
 * Calico engine benchmarks (issue 3 "Checked by"): selector parsing and evaluation on every distinct selector in the
 * fixtures, beside Calico's own Go code on the same inputs (selector-benches.ts), match-index build for generated
 * clusters, and one endpoint's label change. Methods:
 * docs/calico-semantics.md section 7 names upstream's equivalents (BenchmarkParse, BenchmarkWorkloadUpdate…).
 */

import type { IndexFigures } from "./calico/index.child";
import { selectorBenches } from "./calico/selector-benches";
import { tsChildResult } from "./processes";
import type { Bench, BenchResult } from "./types";

/** Sizes of the synthetic mix and of the real-world profile (the published clusters' size); targets from issue 21. */
/**
 * `felix`: Felix's label index built on the same cluster in the Calico oracle, alternating with ours; `felix+inherit`
 * adds Felix's every-selector-against-every-endpoint InheritIndex (minutes at 100k endpoints, so only at 10k).
 */
const SIZES = [
  { endpoints: 1_000, policies: 200, profile: "synthetic", builds: 5, felix: "" },
  { endpoints: 5_000, policies: 1_000, profile: "synthetic", builds: 5, felix: "" },
  { endpoints: 10_000, policies: 2_000, profile: "synthetic", builds: 5, felix: "felix+inherit" },
  { endpoints: 50_000, policies: 5_000, profile: "synthetic", builds: 3, felix: "" },
  { endpoints: 100_000, policies: 10_000, profile: "synthetic", builds: 3, felix: "felix" },
  { endpoints: 5_500, policies: 14_000, profile: "real-world", builds: 3, felix: "felix" },
] as const;

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

async function indexBenches(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const size of SIZES) {
    const f = await tsChildResult<IndexFigures>(
      "bench/calico/index.child.ts",
      [String(size.endpoints), String(size.policies), size.profile, String(size.builds), size.felix],
      600_000,
      ["--expose-gc"],
    );
    const label = `${size.endpoints} endpoints × ${size.policies} policies${size.profile === "real-world" ? ", real-world" : ""}`;
    const target = (t: string, at: number) =>
      size.endpoints === at && size.profile === "synthetic" ? { target: t } : {};
    out.push(
      {
        name: `index build CPU, ${label}`,
        value: round(f.buildCpuMs, 1),
        unit: "ms",
        ...target("< 500", 10_000),
        ...target("< 2000", 100_000),
      },
      { name: `index build CPU, first build, ${label}`, value: round(f.firstBuildCpuMs, 1), unit: "ms" },
      { name: `index build wall, ${label}`, value: round(f.buildWallMs, 1), unit: "ms" },
      { name: `index heap, ${label}`, value: round(f.heapMb, 1), unit: "MB", ...target("< 600", 100_000) },
      {
        name: `endpoint label change CPU (mean), ${label}`,
        value: round(f.labelChangeCpuMs),
        unit: "ms",
        ...target("< 1", 10_000),
        ...target("< 0.1", 100_000),
      },
      { name: `endpoint label change wall (p50), ${label}`, value: round(f.labelChangeP50Ms), unit: "ms" },
      { name: `endpoint label change wall (p99), ${label}`, value: round(f.labelChangeP99Ms), unit: "ms" },
      {
        name: `endpoint label change and its stage lists CPU (mean), ${label}`,
        value: round(f.labelChangeWithListsCpuMs),
        unit: "ms",
      },
      {
        name: `endpoint label change and its stage lists wall (p99), ${label}`,
        value: round(f.labelChangeWithListsP99Ms),
        unit: "ms",
      },
      {
        name: `policy selector change CPU (mean), ${label}`,
        value: round(f.selectorChangeCpuMs),
        unit: "ms",
        ...target("< 5", 100_000),
      },
      { name: `policy selector change wall (p99), ${label}`, value: round(f.selectorChangeP99Ms), unit: "ms" },
    );
    for (const [kind, ms] of Object.entries(f.felix ?? {})) {
      out.push(
        { name: `Felix ${kind} build CPU (Calico oracle), ${label}`, value: round(ms, 1), unit: "ms" },
        {
          name: `index build, ours ÷ Felix ${kind} (CPU time, above 1: ours faster), ${label}`,
          value: round(ms / f.buildCpuMs, 2),
          unit: "×",
          ...target(">= 1", 100_000),
        },
      );
    }
  }
  return out;
}

export const coreBench: Bench = {
  name: "calico-core",
  run: async () => [...(await selectorBenches()), ...(await indexBenches())],
};
