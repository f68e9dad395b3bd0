/**
 * `pnpm kube-sim [--host H] [--port N] [--scenario ibm-classic|empty|large] [--storage v1|v3] [--state FILE]
 *   [--nodes N --policies N --pods N] [--profile synthetic|real-world] [--kubeconfig FILE]`: runs the demo cluster alone and prints its URL and a
 * kubeconfig path (contexts kube-sim-admin, kube-sim-editor, kube-sim-viewer) for kubectl.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CLUSTER_PROFILES, type ClusterProfile } from "@palisade/calico";
import { DEFAULT_LARGE_SIZE, SCENARIO_NAMES, type ScenarioName } from "./scenarios/index";
import { startKubeSim } from "./server";

function fail(message: string): never {
  console.error(`kube-sim: ${message}`);
  process.exit(2);
}

function intFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max)
    fail(`--${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

function profileFlag(raw: string | undefined): ClusterProfile {
  if (raw === undefined) return "synthetic";
  const profile = CLUSTER_PROFILES.find((p) => p === raw);
  if (profile === undefined) fail(`--profile must be one of ${CLUSTER_PROFILES.join(", ")} (got "${raw}")`);
  return profile;
}

let values: Record<string, string | undefined>;
try {
  values = parseArgs({
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "0" },
      scenario: { type: "string", default: "ibm-classic" },
      storage: { type: "string" },
      state: { type: "string" },
      nodes: { type: "string" },
      policies: { type: "string" },
      pods: { type: "string" },
      profile: { type: "string" },
      kubeconfig: { type: "string" },
    },
  }).values;
} catch (e) {
  fail((e as Error).message);
}
const scenario = values.scenario ?? "ibm-classic";
if (!SCENARIO_NAMES.includes(scenario as ScenarioName)) {
  fail(`--scenario must be one of ${SCENARIO_NAMES.join(", ")} (got "${scenario}")`);
}
const storage = values.storage;
if (storage !== undefined && storage !== "v1" && storage !== "v3")
  fail(`--storage must be v1 or v3 (got "${storage}")`);
const port = intFlag("port", values.port, 0, 0, 65535);
const size = {
  nodes: intFlag("nodes", values.nodes, DEFAULT_LARGE_SIZE.nodes, 0, 100_000),
  policies: intFlag("policies", values.policies, DEFAULT_LARGE_SIZE.policies, 0, 1_000_000),
  pods: intFlag("pods", values.pods, DEFAULT_LARGE_SIZE.pods, 0, 1_000_000),
  profile: profileFlag(values.profile),
};
const restored = values.state !== undefined && existsSync(values.state);
// The message only: an uncaught error would also print the source text around it, which for a state file is the
// serving key and the tokens.
const sim = await startKubeSim({
  host: values.host ?? "127.0.0.1",
  port,
  scenario: scenario as ScenarioName,
  size,
  ...(storage === undefined ? {} : { storage }),
  ...(values.state === undefined ? {} : { state: values.state }),
}).catch((e: unknown) => {
  console.error(`kube-sim: ${(e as Error).message}`);
  process.exit(1);
});
const path = values.kubeconfig ?? join(mkdtempSync(join(tmpdir(), "kube-sim-")), "kubeconfig");
writeFileSync(path, sim.kubeconfig, { mode: 0o600 });
const origin = restored ? `restored from ${values.state}` : `scenario ${scenario}`;
console.log(`kube-sim serving ${sim.server} (${origin}, Calico ${sim.storage} storage)`);
console.log(`kubeconfig: ${path}  (contexts: kube-sim-admin, kube-sim-editor, kube-sim-viewer)`);
console.log(`try: kubectl --kubeconfig ${path} get globalnetworkpolicies`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
