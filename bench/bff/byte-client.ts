/**
 * A closed-loop load generator that reads each response as bytes, as a browser's network stack does before it
 * decompresses: `connections` keep-alive connections, each sending its next GET as soon as the previous response has
 * ended, for `seconds`. autocannon appends every response body to a string (`req.body += data`), decoding it as UTF-8;
 * for a 45 KB Brotli body that is about 0.6 ms of the client's CPU per response, which on a two-core machine caps
 * the rate the client can ask at, and so its latencies (docs/performance.md, "Policy list under load"). This client
 * counts the bytes and keeps them.
 */
import { Agent, get } from "node:http";

export interface ByteLoad {
  readonly requests: number;
  readonly perSecond: number;
  /** Milliseconds from sending a request to its response's last byte. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Responses with another status than `expectStatus`, and requests that failed. */
  readonly failures: number;
  readonly bytesPerResponse: number;
}

export interface ByteLoadOptions {
  readonly connections: number;
  readonly seconds: number;
  readonly headers?: Record<string, string>;
  readonly expectStatus?: number;
}

/** The `q`-quantile of ascending `sorted` (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

export async function byteLoad(url: string, options: ByteLoadOptions): Promise<ByteLoad> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const expect = options.expectStatus ?? 200;
  const latencies: number[] = [];
  let bytes = 0;
  let failures = 0;
  const started = performance.now();
  const end = started + options.seconds * 1000;
  const once = () =>
    new Promise<void>((resolve) => {
      const sent = performance.now();
      const req = get(url, { agent, headers: options.headers }, (res) => {
        if (res.statusCode !== expect) failures++;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on("end", () => {
          latencies.push(performance.now() - sent);
          resolve();
        });
        res.on("error", () => {
          failures++;
          resolve();
        });
      });
      req.on("error", () => {
        failures++;
        resolve();
      });
    });
  const connection = async () => {
    while (performance.now() < end) await once();
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, connection));
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const ms = (x: number) => Math.round(x * 10) / 10;
  return {
    requests: latencies.length,
    perSecond: Math.round(latencies.length / elapsed),
    p50: ms(quantile(latencies, 0.5)),
    p99: ms(quantile(latencies, 0.99)),
    max: ms(latencies.at(-1) ?? 0),
    failures,
    bytesPerResponse: latencies.length === 0 ? 0 : Math.round(bytes / latencies.length),
  };
}
