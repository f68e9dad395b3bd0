/**
 * Acknowledged writes per second of kube-sim in its own process, with and without `--state`: GlobalNetworkPolicy
 * creates over HTTPS for `--seconds`, from 1 and from 16 concurrent clients, on a small state file (`ibm-classic`)
 * and a larger one (`large` at its default size). Prints one JSON line per measurement, and `uptime`'s load averages.
 * Usage (from the repository root): node --import tsx packages/kube-sim/bench/state-writes.ts [--seconds 3]
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startSimChild } from "../src/testing/child";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "3" } } });
const seconds = Number(values.seconds);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const dir = mkdtempSync(join(tmpdir(), "kube-sim-write-bench-"));
const PATH = "/apis/projectcalico.org/v3/globalnetworkpolicies";

async function measure(scenario: string, withState: boolean): Promise<void> {
  const state = join(dir, `${scenario}.json`);
  const sim = await startSimChild(["--scenario", scenario, ...(withState ? ["--state", state] : [])]);
  try {
    let next = 0;
    for (const clients of [1, 16]) {
      let done = 0;
      const c0 = sim.cpuMs();
      const t0 = performance.now();
      const until = t0 + seconds * 1000;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < until) {
            const name = `bench-${next++}`;
            const reply = await sim.call("POST", PATH, {
              apiVersion: "projectcalico.org/v3",
              kind: "GlobalNetworkPolicy",
              metadata: { name },
              spec: { selector: "all()", ingress: [{ action: "Allow" }] },
            });
            if (reply.status !== 201) throw new Error(`create ${name}: ${reply.status}`);
            done += 1;
          }
        }),
      );
      const wallS = (performance.now() - t0) / 1000;
      console.log(
        JSON.stringify({
          scenario,
          state: withState ? `${Math.round(statSync(state).size / 1024)} KiB` : "none",
          clients,
          writes: done,
          writesPerSecond: Math.round(done / wallS),
          serverCpuMsPerWrite: Math.round(((sim.cpuMs() - c0) / done) * 10) / 10,
        }),
      );
    }
  } finally {
    await sim.stop();
  }
}

console.log(JSON.stringify({ seconds, loadBefore: load() }));
try {
  for (const scenario of ["ibm-classic", "large"])
    for (const withState of [false, true]) await measure(scenario, withState);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ loadAfter: load() }));
