/**
 * `pnpm bench`: runs every benchmark and prints a table; `pnpm --silent bench --json` prints one JSON object per line
 * `{"name","value","unit","target"}`. `pnpm bench <filter>` runs the benchmarks whose name contains the filter.
 * Figures and method: docs/performance.md.
 */
import { bffBench, bffScaleBench } from "./bff.bench";
import { bundleBench } from "./bundle.bench";
import { coreBench } from "./calico.bench";
import { checksBench } from "./checks.bench";
import { dashboardBench } from "./dashboard.bench";
import { dryRunBench } from "./dry-run.bench";
import { flowsBench } from "./flows.bench";
import { policySetsBench } from "./policy-sets.bench";
import { requestLogBench } from "./request-log.bench";
import { type Bench, type BenchResult, meetsTarget } from "./types";
import { whatIfBench } from "./whatif.bench";

// The bundle benchmark builds the SPA that the dashboard benchmark then serves.
const BENCHES: readonly Bench[] = [
  coreBench,
  bundleBench,
  bffBench,
  bffScaleBench,
  checksBench,
  whatIfBench,
  dryRunBench,
  requestLogBench,
  dashboardBench,
  policySetsBench,
  flowsBench,
];

const USAGE = `usage: pnpm bench [FILTER] [--json]
  FILTER  run only the benchmarks whose name contains it: ${BENCHES.map((b) => b.name).join(", ")}
  --json  one JSON object per line, {"name","value","unit","target"} (with pnpm --silent)`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.filter((a) => a.startsWith("-") && a !== "--json");
const filters = args.filter((a) => !a.startsWith("-"));
if (unknown.length > 0 || filters.length > 1) {
  console.error(unknown.length > 0 ? `unknown option ${unknown[0]}` : `one filter at most, got ${filters.join(", ")}`);
  console.error(USAGE);
  process.exit(2);
}
const json = args.includes("--json");
const filter = filters[0];
const selected = BENCHES.filter((b) => filter === undefined || b.name.includes(filter));
if (selected.length === 0) {
  console.error(`no benchmark's name contains "${filter}"; the benchmarks: ${BENCHES.map((b) => b.name).join(", ")}`);
  process.exit(2);
}

const results: BenchResult[] = [];
for (const bench of selected) {
  if (!json) console.error(`running ${bench.name}…`);
  for (const r of await bench.run()) {
    results.push(r);
    if (json) console.log(JSON.stringify({ name: r.name, value: r.value, unit: r.unit, target: r.target ?? null }));
  }
}
if (!json) {
  const rows = results.map((r) => {
    const ok = meetsTarget(r);
    return [r.name, `${r.value} ${r.unit}`, r.target ?? "report", ok === undefined ? "" : ok ? "met" : "MISSED"];
  });
  const header = ["benchmark", "value", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  "));
}
