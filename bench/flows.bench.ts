/**
 * Flows (issue 15): how fast the BFF takes in Goldmane's flows and shows them, and what holding them costs.
 * - ingest: Goldmane wire flows (2,000 keys, 15 s intervals) converted (`fromWire`) and added to a ring of 100,000,
 *   which is full after the first 100,000, so the rest also evict: flows per second;
 * - shown: `GET /flows?limit=200` on the demo cluster with 100,000 flows held, each row with its check against
 *   Palisade's explain (checks are remembered per flow key until the policies change): rows per second, warm; and a
 *   filtered query (Deny, port 80) scanning all 100,000;
 * - memory: the heap 100,000 held flows take, and the ring full at its largest capacity (child process, --expose-gc).
 */
import { FlowStore, fromWire, parseServeConfig, startServer } from "@palisade/bff";
import { wireFlows } from "./flows-data";
import { tsChildResult } from "./processes";
import type { Bench, BenchResult } from "./types";

const HELD = 100_000;
const INGEST = 300_000;
const KEYS = 2_000;
const RUNS = 15;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

interface MemoryFigures {
  readonly bytesPerFlow: number;
  readonly mbPer100k: number;
  readonly ringMbAt1M: number;
}

export const flowsBench: Bench = {
  name: "flows",
  async run(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    const wire = wireFlows(INGEST, KEYS);
    const ingestRate = () => {
      const store = new FlowStore(HELD);
      const t = performance.now();
      for (const w of wire) {
        const f = fromWire(w);
        if (f !== undefined) store.add(f);
      }
      return INGEST / ((performance.now() - t) / 1000);
    };
    ingestRate(); // warm
    results.push({
      name: "flows: ingested from Goldmane's wire form into a 100k ring",
      value: Math.round(median([ingestRate(), ingestRate(), ingestRate()])),
      unit: "flows/s",
      // Ten times the load Calico's own flowgen puts on Goldmane (2,000 flows/s across 250 nodes).
      target: ">= 20000",
    });

    const server = await startServer(parseServeConfig(["--port", "0", "--audit-log", "/dev/null"], {}), {
      PALISADE_LOG: "off",
    });
    try {
      const cluster = server.clusters.default;
      if (cluster === undefined) throw new Error("no demo cluster");
      await cluster.whenReady();
      await cluster.settle(() => cluster.flows.store.size > 0, 20_000);
      // Fill the ring with the demo's own flows, repeated over earlier intervals, so every row has a real check.
      const seed = [...cluster.flows.store.newestFirst()];
      for (let i = 0; cluster.flows.store.size < HELD; i++) {
        const f = seed[i % seed.length];
        if (f === undefined) break;
        const { id: _id, ...flow } = f;
        cluster.flows.store.add({ ...flow, startTime: flow.startTime - 15 * Math.floor(i / seed.length) });
      }
      const get = async (query: string) => {
        const res = await server.app.inject({ url: `/api/v1/clusters/demo/flows?${query}` });
        if (res.statusCode !== 200) throw new Error(`flows ${query}: ${res.statusCode}`);
        return res.json<{ items: unknown[] }>().items.length;
      };
      const timed = async (query: string) => {
        await get(query);
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          rows = await get(query);
          times.push(performance.now() - t);
        }
        return { ms: median(times), rows };
      };
      const newest = await timed("limit=200");
      results.push({
        name: "flows: shown, GET /flows?limit=200 with checks, 100k held",
        value: Math.round(newest.rows / (newest.ms / 1000)),
        unit: "rows/s",
        target: ">= 2000",
      });
      const filtered = await timed("action=Deny&port=80&limit=200");
      results.push({
        name: "flows: filtered query (Deny, port 80) over 100k held",
        value: Number(filtered.ms.toFixed(1)),
        unit: "ms",
        target: "< 250 ms",
      });
    } finally {
      await server.close();
    }

    const memory = await tsChildResult<MemoryFigures>("bench/bff/flows-memory.child.ts", [String(KEYS)], 300_000, [
      "--expose-gc",
    ]);
    results.push(
      { name: "flows: memory per 100k flows held", value: memory.mbPer100k, unit: "MB", target: "< 100 MB" },
      { name: "flows: heap per held flow", value: memory.bytesPerFlow, unit: "bytes" },
      { name: "flows: ring full at 1,000,000 flows (largest capacity)", value: memory.ringMbAt1M, unit: "MB" },
    );
    return results;
  },
};
