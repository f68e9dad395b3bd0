import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

/** New space (both semi-spaces) the young generation may grow to. */
const YOUNG_GENERATION_CAP_BYTES = 32 * 2 ** 20;

let capped = false;

/**
 * Stops V8's young generation from growing past {@link YOUNG_GENERATION_CAP_BYTES} for the rest of the process.
 *
 * Why: the BFF's heap is mostly its caches, which live as long as the process. While the informers fill them nearly
 * everything allocated survives, and V8 answers survival by doubling the new space up to a maximum it sizes from the
 * machine's memory (two 64 MB semi-spaces on a 24 GB machine). V8 gives that memory back only in a memory-reducing
 * GC, which an idle server never runs: after syncing 50,000 objects about 120 MB of the resident set was an empty new
 * space (docs/performance.md, "BFF memory"). Node has no run-time setting for the maximum (`--max-semi-space-size` is
 * read once, when the heap is set up), but V8 reads `--semi-space-growth-factor` each time it grows the new space, so
 * a factor of 1 ends growth. The new space may grow until it reaches the cap: its size is checked now and after each
 * garbage collection. 32 MB rather than the 16 MB module loading leaves: serving a 1 MB policy list cost 13.8 ms of
 * CPU per request at 32 MB and 20.6 ms at 16 MB (15.9 ms uncapped), for 16 MB more resident memory.
 */
export function capYoungGeneration(): void {
  if (capped) return;
  if (reachedCap()) {
    freeze();
    return;
  }
  const observer = new PerformanceObserver(() => {
    if (capped || !reachedCap()) return;
    freeze();
    observer.disconnect();
  });
  observer.observe({ entryTypes: ["gc"] });
}

function reachedCap(): boolean {
  const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
  return newSpace === undefined || newSpace.space_size >= YOUNG_GENERATION_CAP_BYTES;
}

function freeze(): void {
  capped = true;
  setFlagsFromString("--semi-space-growth-factor=1");
}
