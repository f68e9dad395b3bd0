import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { chooseBrowser } from "./browser";
import { CLASSIC_KUBECONFIG, NATIVE_KUBECONFIG } from "./classic";

// Ports per run (workers inherit the variables the main process sets), so concurrent runs on one machine do not
// collide on a fixed port. The ranges are disjoint, so one run's port of one kind is never another's of another kind.
process.env.PALISADE_E2E_PORT ??= String(40_000 + (process.pid % 20_000));
process.env.PALISADE_E2E_READ_ONLY_PORT ??= String(20_000 + (process.pid % 20_000));
process.env.PALISADE_E2E_CLASSIC_PORT ??= String(10_000 + (process.pid % 10_000));
process.env.PALISADE_E2E_CLASSIC_SIM_PORT ??= String(60_000 + (process.pid % 5_000));
process.env.PALISADE_E2E_NATIVE_PORT ??= String(5_000 + (process.pid % 5_000));
process.env.PALISADE_E2E_NATIVE_SIM_PORT ??= String(65_000 + (process.pid % 500));
const port = Number(process.env.PALISADE_E2E_PORT);
const readOnlyPort = Number(process.env.PALISADE_E2E_READ_ONLY_PORT);
const classicPort = Number(process.env.PALISADE_E2E_CLASSIC_PORT);
const classicSimPort = Number(process.env.PALISADE_E2E_CLASSIC_SIM_PORT);
const nativePort = Number(process.env.PALISADE_E2E_NATIVE_PORT);
const nativeSimPort = Number(process.env.PALISADE_E2E_NATIVE_SIM_PORT);
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const browser = chooseBrowser();
const READ_ONLY_SPEC = /read-only\.spec\.ts$/;
const CLASSIC_SPEC = /classic\.spec\.ts$/;
const NATIVE_SPEC = /native\.spec\.ts$/;

/** A BFF on its own demo cluster, quiet; its audit trail stays with the run's artifacts, not in the user's home. */
function bff(command: string, on: number, auditLog: string) {
  return {
    command,
    cwd: repoRoot,
    url: `http://127.0.0.1:${on}/readyz`,
    env: { PALISADE_LOG: "off", PALISADE_AUDIT_LOG: fileURLToPath(new URL(`artifacts/${auditLog}`, import.meta.url)) },
    timeout: 120_000,
    reuseExistingServer: false,
  };
}

/** A demo cluster alone (kube-sim) on the given Calico storage, writing its admin kubeconfig for a BFF to use. */
function simServer(storage: "v1" | "v3", on: number, kubeconfig: string) {
  return {
    command: `mkdir -p ${dirname(kubeconfig)} && pnpm --silent kube-sim --storage ${storage} --port ${on} --kubeconfig ${kubeconfig}`,
    cwd: repoRoot,
    url: `https://127.0.0.1:${on}/readyz`,
    ignoreHTTPSErrors: true,
    timeout: 120_000,
    reuseExistingServer: false,
  };
}

export default defineConfig({
  testDir: "specs",
  outputDir: "artifacts/test-results",
  timeout: 60_000,
  // The machines are small and shared; lazy chunks (Cytoscape, Monaco) can take seconds to parse.
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [["list"], ["json", { outputFile: "artifacts/results.json" }]],
  use: {
    // A laptop screen: the dashboard's own panes scroll, so screenshots show what this viewport shows.
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: browser.executablePath, args: browser.args },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "read-write",
      testIgnore: [READ_ONLY_SPEC, CLASSIC_SPEC, NATIVE_SPEC],
      use: { baseURL: `http://127.0.0.1:${port}` },
    },
    // The mode the deployment manifests run by default (PALISADE_READ_ONLY=true).
    { name: "read-only", testMatch: READ_ONLY_SPEC, use: { baseURL: `http://127.0.0.1:${readOnlyPort}` } },
    // A Calico v3.31 cluster on classic crd.projectcalico.org storage, run apart so specs can write to it directly.
    { name: "classic", testMatch: CLASSIC_SPEC, use: { baseURL: `http://127.0.0.1:${classicPort}` } },
    // A Calico v3.32 cluster on native projectcalico.org/v3 storage: what only v3.32 enforces, or no longer does.
    { name: "native", testMatch: NATIVE_SPEC, use: { baseURL: `http://127.0.0.1:${nativePort}` } },
  ],
  // Real BFFs, each on its own embedded demo cluster, serving the production build of the SPA. Playwright starts
  // the servers one after the other, each once the previous one answers at its url, so the read-only server starts
  // only after the build has finished (and the BFF serves the SPA only if it finds the build when it starts).
  webServer: [
    // The history as a deployment keeps it: AuditRecords in the (demo) cluster.
    bff(
      `pnpm --silent build && pnpm --silent palisade serve --audit-store cluster --port ${port}`,
      port,
      "audit.jsonl",
    ),
    bff(`pnpm --silent palisade serve --read-only --port ${readOnlyPort}`, readOnlyPort, "audit-read-only.jsonl"),
    simServer("v1", classicSimPort, CLASSIC_KUBECONFIG),
    bff(
      `pnpm --silent palisade serve --kubeconfig ${CLASSIC_KUBECONFIG} --port ${classicPort}`,
      classicPort,
      "audit-classic.jsonl",
    ),
    simServer("v3", nativeSimPort, NATIVE_KUBECONFIG),
    bff(
      `pnpm --silent palisade serve --kubeconfig ${NATIVE_KUBECONFIG} --port ${nativePort}`,
      nativePort,
      "audit-native.jsonl",
    ),
  ],
});
