/**
 * `pnpm --filter @palisade/bench calico [--json]`: runs the Calico engine benchmarks; prints a table, or with
 * `--json` one JSON object per line `{"name","value","unit","target"}`.
 */
import { coreBench } from "../calico.bench";

const json = process.argv.includes("--json");
const results = await coreBench.run();
if (json) {
  for (const r of results)
    console.log(JSON.stringify({ name: r.name, value: r.value, unit: r.unit, target: r.target ?? null }));
} else {
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results)
    console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(12)} ${r.unit.padEnd(10)} ${r.target ?? ""}`);
}
