import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const MB = 2 ** 20;
const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const MODULE = fileURLToPath(new URL("./young-generation.ts", import.meta.url));

/**
 * A fresh Node process (its new space starts at 1 MB) that keeps about 100 MB of small objects, allocated a page at a
 * time with the event loop turning in between as during a sync, then prints its new space's size.
 */
const SCRIPT = `
import { getHeapSpaceStatistics } from "node:v8";
import { capYoungGeneration } from ${JSON.stringify(MODULE)};
if (process.argv.includes("--cap")) capYoungGeneration();
const kept = [];
for (let page = 0; page < 25; page++) {
  for (let i = 0; i < 50_000; i++) kept.push({ name: "pod-" + i, labels: { app: "a" + (i % 100) } });
  await new Promise((resolve) => setImmediate(resolve));
}
console.log(getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size, kept.length);
`;

async function newSpaceAfterFilling(cap: boolean): Promise<number> {
  const args = ["--import", "tsx", "--input-type=module", "--eval", SCRIPT, "--", ...(cap ? ["--cap"] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: REPO_ROOT });
  return Number(stdout.trim().split(" ")[0]);
}

describe("capYoungGeneration", () => {
  it("keeps the new space at 32 MB while a cache fills the heap; uncapped, the same load grows it further", {
    timeout: 60_000,
  }, async () => {
    const [capped, uncapped] = await Promise.all([newSpaceAfterFilling(true), newSpaceAfterFilling(false)]);
    expect(capped).toBeLessThanOrEqual(32 * MB);
    expect(uncapped).toBeGreaterThan(32 * MB);
  });
});
