/**
 * Run parameters shared by the differential suites: a few thousand cases, bounded in time, seeded so that a
 * failure reproduces. `PALISADE_FC_SEED` replays a seed, `PALISADE_FC_RUNS` and `PALISADE_FC_TIME_MS` change the
 * budget (CI uses the defaults).
 */
import type fc from "fast-check";

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}

export function differentialParameters<T>(suite: string, defaultRuns: number): fc.Parameters<T> {
  const seed = intFromEnv("PALISADE_FC_SEED", Date.now() ^ (Math.random() * 0x7fffffff));
  const numRuns = intFromEnv("PALISADE_FC_RUNS", defaultRuns);
  const interruptAfterTimeLimit = intFromEnv("PALISADE_FC_TIME_MS", 60_000);
  console.log(
    `${suite}: seed ${seed}, up to ${numRuns} runs in ${interruptAfterTimeLimit} ms (PALISADE_FC_SEED=${seed} replays)`,
  );
  return { seed, numRuns, interruptAfterTimeLimit, markInterruptAsFailure: false, endOnFailure: true };
}
