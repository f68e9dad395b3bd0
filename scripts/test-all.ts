/**
 * Runs every test tier and ends with the summary line `N passed, N failed`; exits non-zero on any failure.
 * Tiers: unit (vitest), integration (vitest, real control plane and oracle), end-to-end (Playwright in Chromium).
 * The comparisons against upstream's reference data (../shared) are listed as not run where it is absent; under CI
 * its absence stops the run at once.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isCi, locateShared, NOT_RUN_WITHOUT_SHARED, sharedRequiredInCi } from "@palisade/reference";

interface TierResult {
  readonly tier: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** The runner itself failed (crash, setup error) beyond what its counts say. */
  readonly runnerFailed: boolean;
  /** Blocks that stand skipped for want of ../shared: `file: block`. */
  readonly notRun: readonly string[];
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { title: string; ancestorTitles: string[]; status: string }[] }[];
}

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = `${root}.cache/test-results`;
mkdirSync(outDir, { recursive: true });

function run(cmd: string, args: string[], cwd = root): number {
  const r = spawnSync(cmd, args, { cwd, stdio: "inherit", env: process.env });
  return r.status ?? 1;
}

function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
}

function vitestTier(project: string): TierResult {
  const out = `${outDir}/vitest-${project}.json`;
  rmSync(out, { force: true });
  const code = run("pnpm", [
    "exec",
    "vitest",
    "run",
    "--project",
    project,
    "--passWithNoTests",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${out}`,
  ]);
  const report = readJson(out) as VitestReport | undefined;
  if (report === undefined) return { tier: project, passed: 0, failed: 0, skipped: 0, runnerFailed: true, notRun: [] };
  return {
    tier: project,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    runnerFailed: code !== 0 && report.numFailedTests === 0,
    notRun: report.testResults.flatMap((file) =>
      file.assertionResults
        .filter((a) => a.title.startsWith(NOT_RUN_WITHOUT_SHARED))
        .map((a) => `${file.name.slice(root.length)}: ${a.ancestorTitles.join(" > ")}`),
    ),
  };
}

function e2eTier(): TierResult {
  const out = `${root}e2e/artifacts/results.json`;
  rmSync(out, { force: true });
  const code = run("pnpm", ["exec", "playwright", "test"], `${root}e2e`);
  const report = readJson(out) as
    | { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] }
    | undefined;
  if (report === undefined) return { tier: "e2e", passed: 0, failed: 0, skipped: 0, runnerFailed: true, notRun: [] };
  const { expected, unexpected, flaky, skipped } = report.stats;
  return {
    tier: "e2e",
    passed: expected + flaky,
    failed: unexpected,
    skipped,
    runnerFailed: code !== 0 && unexpected === 0,
    notRun: [],
  };
}

/**
 * The integration tier needs the Go-built kube-apiserver and etcd, and from the oracle's Calico module the oracle,
 * Calico's own calicoctl and Goldmane. Their builds are cache look-ups once built (keyed outside the clone), and a cold
 * build takes minutes on 2 cores: build them here, up front and visibly, rather than inside a test hook's time limit.
 * A failure shows again, as test failures.
 */
function buildGoBinaries(): void {
  for (const command of [
    ["packages/control-plane/build.sh"],
    ["packages/calico/oracle/build.sh", "oracle"],
    ["packages/calico/oracle/build.sh", "calicoctl"],
    ["packages/calico/oracle/build.sh", "goldmane"],
  ]) {
    const started = Date.now();
    const r = spawnSync("bash", command, { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: process.env });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${command.join(" ")}: ${r.status === 0 ? "ready" : `failed (exit ${r.status})`} in ${seconds} s`);
  }
}

const shared = locateShared(root);
if (!shared.present && isCi()) {
  console.error(`\n${sharedRequiredInCi(shared.reason)}.\n`);
  process.exit(1);
}
buildGoBinaries();
const results = [vitestTier("unit"), vitestTier("integration"), e2eTier()];
console.log("\nTest tiers:");
for (const r of results) {
  const notes = [
    ...(r.notRun.length > 0 ? [`${r.notRun.length} of them ${NOT_RUN_WITHOUT_SHARED}, listed below`] : []),
    ...(r.runnerFailed ? ["runner failed: see its output above"] : []),
  ];
  const note = notes.length > 0 ? ` (${notes.join("; ")})` : "";
  console.log(`  ${r.tier.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${note}`);
}
if (!shared.present) {
  console.log(`\nNot run: the comparisons against upstream's reference data, since ${shared.reason}:`);
  for (const r of results) for (const block of r.notRun) console.log(`  ${r.tier.padEnd(12)} ${block}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed + (r.runnerFailed ? 1 : 0), 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
