/**
 * Child process (run with --expose-gc): the heap 100,000 held flows take in the BFF's flow ring, each converted from
 * Goldmane's wire form as the Goldmane feed does, from distinct wire objects (as decoded off the stream). Prints one
 * JSON line: `bytesPerFlow`, `mbPer100k`, and `ringMbAt1M` (the ring full at 1,000,000 flows, the largest capacity).
 * Usage: flows-memory.child.ts KEYS
 */
import { FlowStore, fromWire } from "@palisade/bff";
import { wireFlows } from "../flows-data";

const keys = Number(process.argv[2] ?? "2000");
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with --expose-gc");

function heap(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

function fill(n: number): { store: FlowStore; bytes: number } {
  const before = heap();
  const store = new FlowStore(n);
  const batch = 50_000;
  for (let done = 0; done < n; done += batch) {
    for (const w of wireFlows(Math.min(batch, n - done), keys, 1_800_000_000 + done)) {
      const f = fromWire(w);
      if (f !== undefined) store.add(f);
    }
  }
  const bytes = heap() - before;
  return { store, bytes };
}

const small = fill(100_000);
const perFlow = small.bytes / small.store.size;
const large = fill(1_000_000);
console.log(
  JSON.stringify({
    bytesPerFlow: Math.round(perFlow),
    mbPer100k: Number((small.bytes / 1024 / 1024).toFixed(1)),
    ringMbAt1M: Number((large.bytes / 1024 / 1024).toFixed(1)),
    held: [small.store.size, large.store.size],
  }),
);
