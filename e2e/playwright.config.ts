import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { chooseBrowser } from "./browser";

// A port per run (workers inherit the variable the main process sets), so concurrent runs on one machine do not
// collide on a fixed port.
process.env.PALISADE_E2E_PORT ??= String(40_000 + (process.pid % 20_000));
const port = Number(process.env.PALISADE_E2E_PORT);
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const browser = chooseBrowser();

export default defineConfig({
  testDir: "specs",
  outputDir: "artifacts/test-results",
  timeout: 60_000,
  // The machines are small and shared; lazy chunks (Cytoscape, Monaco) can take seconds to parse.
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [["list"], ["json", { outputFile: "artifacts/results.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A laptop screen: the dashboard's own panes scroll, so screenshots show what this viewport shows.
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: browser.executablePath, args: browser.args },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  // The real BFF on the embedded demo cluster, serving the production build of the SPA.
  webServer: {
    command: `pnpm --silent build && pnpm --silent palisade serve --port ${port}`,
    cwd: repoRoot,
    url: `http://127.0.0.1:${port}/readyz`,
    // The journeys apply and delete; their audit trail stays with the run's artifacts, not in the user's home.
    env: { PALISADE_LOG: "off", PALISADE_AUDIT_LOG: fileURLToPath(new URL("artifacts/audit.jsonl", import.meta.url)) },
    timeout: 120_000,
    reuseExistingServer: false,
  },
});
