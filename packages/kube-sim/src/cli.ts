import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type ScenarioName, startKubeSim } from "./server";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "0" },
    scenario: { type: "string", default: "ibm-classic" },
  },
});
const scenario = values.scenario;
if (scenario !== "ibm-classic" && scenario !== "empty") {
  console.error(`kube-sim: --scenario must be one of ibm-classic, empty (got "${scenario}")`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`kube-sim: --port must be an integer from 0 to 65535 (got "${values.port}")`);
  process.exit(2);
}
const sim = await startKubeSim({ host: values.host, port, scenario: scenario satisfies ScenarioName });
const path = join(mkdtempSync(join(tmpdir(), "kube-sim-")), "kubeconfig");
writeFileSync(path, sim.kubeconfig, { mode: 0o600 });
console.log(`kube-sim serving ${sim.server} (scenario ${scenario})`);
console.log(`kubeconfig: ${path}`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
