/**
 * What the request log costs per request (issue 18, item 9): Palisade's one line per request (`buildApp` with the
 * logger options `palisade serve` uses) against Fastify's default request logging, which it replaced (two lines per
 * request, with the process id, host name, client address and port). Both answer `GET /healthz` through `inject`,
 * logging into a stream that only counts bytes; the CPU of logging is each server's CPU per request with the log on,
 * less the same server's with it off (the median of rounds that alternate the two).
 */
import { Writable } from "node:stream";
import { AuditLog, buildApp, ClusterRegistry } from "@palisade/bff";
import Fastify, { type FastifyInstance } from "fastify";
import type { Bench, BenchResult } from "./types";

const REQUESTS = 5_000;

function countingStream(): { stream: Writable; bytes: () => number } {
  let bytes = 0;
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { stream, bytes: () => bytes };
}

/** CPU microseconds per request of `REQUESTS` sequential `GET /healthz`. */
async function cpuPerRequest(app: FastifyInstance): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) await app.inject({ url: "/healthz" });
  const used = process.cpuUsage(before);
  return (used.user + used.system) / REQUESTS;
}

async function palisade(logged: boolean) {
  const counter = countingStream();
  const app = await buildApp({
    clusters: new ClusterRegistry([], ""),
    audit: new AuditLog("/dev/null"),
    logger: logged ? { level: "info", base: null, stream: counter.stream } : false,
  });
  return { app, bytes: counter.bytes };
}

async function fastifyDefault(logged: boolean) {
  const counter = countingStream();
  const app = Fastify({ logger: logged ? { level: "info", stream: counter.stream } : false });
  app.get("/healthz", async () => ({ status: "ok" }));
  await app.ready();
  return { app, bytes: counter.bytes };
}

/** Rounds of the quiet and the logging server, alternated so that load on the machine hits both alike. */
const ROUNDS = 7;

async function measure(make: (logged: boolean) => Promise<{ app: FastifyInstance; bytes: () => number }>) {
  const quiet = await make(false);
  const loud = await make(true);
  const differences: number[] = [];
  let requests = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const off = await cpuPerRequest(quiet.app);
    const on = await cpuPerRequest(loud.app);
    requests += REQUESTS;
    // The first round warms both up.
    if (round > 0) differences.push(on - off);
  }
  const bytes = loud.bytes() / requests;
  await quiet.app.close();
  await loud.app.close();
  differences.sort((a, b) => a - b);
  return { bytes, cpuUs: differences[Math.floor(differences.length / 2)] ?? Number.NaN };
}

async function run(): Promise<BenchResult[]> {
  const before = await measure(fastifyDefault);
  const after = await measure(palisade);
  const r = (x: number) => Number(x.toFixed(1));
  return [
    {
      name: "request log bytes per request, Fastify's default request logging (before)",
      value: r(before.bytes),
      unit: "B",
    },
    { name: "request log bytes per request, Palisade's one line", value: r(after.bytes), unit: "B", target: "< 200" },
    {
      name: "request log CPU per request, Fastify's default request logging (before)",
      value: r(before.cpuUs),
      unit: "µs",
    },
    { name: "request log CPU per request, Palisade's one line", value: r(after.cpuUs), unit: "µs" },
  ];
}

export const requestLogBench: Bench = { name: "request-log", run };
