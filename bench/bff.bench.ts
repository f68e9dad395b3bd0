/**
 * BFF at scale, at three sizes of the demo cluster's `large` scenario (about 12.5k, 25k and 50k objects; 500, 1,000
 * and 2,000 policies; the generator picks about one worker per 110 pods): cold start to ready and, as its floor, the bare list of the same objects; resident memory with
 * everything cached; the policy list under 100 concurrent clients: autocannon, and a client that reads responses as
 * bytes (bff/byte-client.ts) since autocannon's own CPU per compressed response bounds what it can measure on two
 * cores. Each server is its own process.
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { LargeScenarioSize } from "@palisade/kube-sim";
import autocannon from "autocannon";
import { bundleServerChild } from "./bff/bundle";
import type { ByteLoad } from "./bff/byte-client";
import { processCpuMs, spawnNode, spawnTs, tsChildResult } from "./processes";
import { startLargeSim } from "./sim";
import type { Bench, BenchResult } from "./types";

export const BFF_SIZES: readonly LargeScenarioSize[] = [
  { nodes: 100, pods: 10_500, policies: 500 },
  { nodes: 200, pods: 21_000, policies: 1_000 },
  { nodes: 400, pods: 42_000, policies: 2_000 },
];

/**
 * Issue 21's sizes, run as `bff-scale`: the real-world profile (15,000 policies over 5,500 pods in about 600
 * namespaces) and 100,000 endpoints (2 × 1,000 host endpoints and 98,000 pods) with 10,000 policies, the size whose
 * targets are RSS under 1 GB and the policy list and selector query p99 under 50 ms with 100 clients.
 */
export const BFF_SCALE_SIZES: readonly LargeScenarioSize[] = [
  { nodes: 50, pods: 5_500, policies: 15_000, profile: "real-world" },
  { nodes: 1_000, pods: 98_000, policies: 10_000 },
];
const isTargetOf100k = (size: LargeScenarioSize) => size.pods === 98_000;

/** A selector query as the selector review sends it: every pod with an application label, the first 100 listed. */
const SELECTOR = "has(app)";
const CLIENTS = 100;
const LOAD_SECONDS = 10;
const READY_TIMEOUT_MS = 600_000;

interface Floor {
  readonly typedMs: number;
  readonly rawMs: number;
  readonly objects: number;
}

export interface Ready {
  readonly url: string;
  readonly cluster: string;
  readonly loadedMs: number;
  readonly readyMs: number;
  readonly cpuMs: number;
  readonly objects: number;
  readonly rssMB: number;
  readonly heapUsedMB: number;
  readonly peakRssMB: number;
}

const round = (x: number) => Math.round(x);

/** Starts the bundled BFF child on `kubeconfig` and waits for its ready line. */
export async function startBff(bundle: string, kubeconfig: string, extra: readonly string[] = []) {
  const child = spawnNode(["--expose-gc", bundle, kubeconfig, ...extra]);
  try {
    // The ready line only (server.child.ts prints `url` first): any other JSON line taken for it would have the
    // benchmark signal a child that has not yet set its handlers up.
    const line = await child.waitForLine((l) => l.startsWith('{"url":'), READY_TIMEOUT_MS);
    return { child, ready: JSON.parse(line) as Ready };
  } catch (err) {
    await child.stop();
    throw err;
  }
}

const listFloor = (kubeconfig: string) =>
  tsChildResult<Floor>("bench/bff/list-floor.child.ts", [kubeconfig], READY_TIMEOUT_MS);

/** What Chromium sends: the dashboard's clients are browsers. */
const BROWSER_ENCODINGS = "gzip, deflate, br, zstd";

interface Measured<T> {
  readonly result: T;
  /** CPU the BFF process spent during the load, per request answered. */
  readonly serverCpuMsPerRequest: number;
  /** CPU the BFF process spent during the load, as a share of one core. */
  readonly serverBusy: number;
}

interface PolicyLoad {
  /** Answers of 503 (the BFF's overload guard) to the checking requests before the load, each waited out. */
  readonly refused: number;
  /** Clients that accept compression, as browsers do: the figure the target is about. */
  readonly browser: Loaded;
  /** The same, from clients that read each response as bytes (no UTF-8 decoding of compressed bodies). */
  readonly bytesClient: Measured<ByteLoad>;
  /** Clients that accept no compression (every response the whole JSON). */
  readonly identity: Loaded;
  /** Browsers revalidating a list they hold (`If-None-Match`), answered 304 while nothing changed. */
  readonly revalidate: Loaded | undefined;
  /** Bytes of one response: uncompressed, and as sent to a browser. */
  readonly bytes: number;
  readonly browserBytes: number;
  readonly browserEncoding: string;
}

/**
 * Checks the list once (status, number of policies, that the compressed and plain bodies agree), saves its bytes,
 * then loads it with `CLIENTS` concurrent clients for `LOAD_SECONDS`, as browsers and as clients without compression.
 */
async function policyLoad(
  url: string,
  policies: number,
  saveTo: string,
  full: boolean,
  serverPid: number,
): Promise<PolicyLoad> {
  const plain = await served(url, {});
  const text = plain.body.toString();
  const count = (JSON.parse(text) as { items?: unknown[] }).items?.length;
  if (count !== policies) throw new Error(`${url} answered with ${count} policies, expected ${policies}`);
  writeFileSync(saveTo, text);
  const raw = await served(url, { "accept-encoding": BROWSER_ENCODINGS });
  const encoding = raw.headers["content-encoding"] ?? "identity";
  const decoded =
    encoding === "br" ? brotliDecompressSync(raw.body) : encoding === "gzip" ? gunzipSync(raw.body) : raw.body;
  if (decoded.toString() !== text) throw new Error(`${url}: the ${encoding} body differs from the plain one`);
  const etag = raw.headers.etag;
  const browser = await loadServer(serverPid, url, { "accept-encoding": BROWSER_ENCODINGS });
  const bytesClient = await measured(
    serverPid,
    () => loadBytes(url, { "accept-encoding": BROWSER_ENCODINGS }),
    (r) => r.requests,
  );
  const identity = await loadServer(serverPid, url);
  const revalidate =
    full && etag !== undefined
      ? await loadServer(serverPid, url, { "accept-encoding": BROWSER_ENCODINGS, "if-none-match": etag })
      : undefined;
  const r = revalidate?.result;
  if (r !== undefined && (r["3xx"] === 0 || r["3xx"] !== r.requests.total)) {
    throw new Error(`${url}: ${r["3xx"]} of ${r.requests.total} revalidations answered 304`);
  }
  return {
    refused: plain.refused + raw.refused,
    browser,
    bytesClient,
    identity,
    revalidate,
    bytes: Buffer.byteLength(text),
    browserBytes: raw.body.length,
    browserEncoding: encoding,
  };
}

/** One GET with the body as sent (fetch would decode it). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | undefined>; body: Buffer }>(
    (resolve, reject) => {
      get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const h: Record<string, string | undefined> = {};
          for (const [k, v] of Object.entries(res.headers)) h[k] = Array.isArray(v) ? v.join(", ") : v;
          resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks) });
        });
        res.on("error", reject);
      }).on("error", reject);
    },
  );
}

/**
 * A GET answered 200, as a browser sees it after waiting out `Retry-After`: building a large view the first time
 * blocks the BFF's event loop for longer than its overload limit (`--max-event-loop-delay`, 1 s), and the requests
 * right after are refused with 503 until its next sample of the loop. Counts the refusals; fails on any other status.
 */
async function served(url: string, headers: Record<string, string>) {
  for (let refused = 0; refused < 10; refused++) {
    const res = await rawGet(url, headers);
    if (res.status === 200) return { ...res, refused };
    if (res.status !== 503) throw new Error(`${url} answered ${res.status}: ${res.body.toString().slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers["retry-after"] ?? 5)));
  }
  throw new Error(`${url} answered 503 ten times`);
}

type Loaded = Measured<autocannon.Result>;

const load = (url: string, headers: Record<string, string> = {}) =>
  autocannon({ url, connections: CLIENTS, duration: LOAD_SECONDS, timeout: 10, headers });

/** Runs a load, measuring the CPU the server process spends meanwhile: what the server costs, apart from the client. */
async function measured<T>(pid: number, run: () => Promise<T>, requests: (r: T) => number): Promise<Measured<T>> {
  const cpuBefore = processCpuMs(pid);
  const started = performance.now();
  const result = await run();
  const cpu = processCpuMs(pid) - cpuBefore;
  return {
    result,
    serverCpuMsPerRequest: cpu / Math.max(1, requests(result)),
    serverBusy: cpu / (performance.now() - started),
  };
}

const loadServer = (pid: number, url: string, headers: Record<string, string> = {}): Promise<Loaded> =>
  measured(
    pid,
    () => load(url, headers),
    (r) => r.requests.total,
  );

/** The byte-reading client (bff/byte-client.ts) in a process of its own; resolves with its result. */
const loadBytes = (url: string, headers: Record<string, string>) =>
  tsChildResult<ByteLoad>(
    "bench/bff/byte-load.child.ts",
    [url, String(CLIENTS), String(LOAD_SECONDS), JSON.stringify(headers)],
    LOAD_SECONDS * 1000 + 60_000,
  );

const failures = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;

/**
 * The same bytes served from memory by a bare Node http server, as they are and Brotli-compressed once (as browsers
 * ask): what any server could do here at best.
 */
async function ceiling(bodyFile: string) {
  const child = spawnTs("bench/bff/static.child.ts", [bodyFile]);
  try {
    const url = await child.waitForLine((l) => l.startsWith("http://"), 60_000);
    const br = { "accept-encoding": BROWSER_ENCODINGS };
    return { plain: await load(url), br: await load(url, br), brBytes: await loadBytes(url, br) };
  } finally {
    await child.stop();
  }
}

/**
 * The selector query: the first answer (computed), then `CLIENTS` concurrent clients asking the same selector, as
 * browsers and reading bytes.
 */
async function selectorLoad(url: string, serverPid: number) {
  const t0 = performance.now();
  const first = await rawGet(url, {});
  const firstMs = performance.now() - t0;
  const body = JSON.parse(first.body.toString()) as { total?: number };
  if (first.status !== 200 || body.total === undefined) throw new Error(`${url} answered ${first.status}`);
  // The computed answer may have lagged the loop past the overload limit: the load starts once it is served again.
  const again = await served(url, {});
  const headers = { "accept-encoding": BROWSER_ENCODINGS };
  const browser = await loadServer(serverPid, url, headers);
  const bytes = await measured(
    serverPid,
    () => loadBytes(url, headers),
    (r) => r.requests,
  );
  return { firstMs, total: body.total, refused: again.refused, browser, bytes };
}

async function measureSize(size: LargeScenarioSize, bundle: string): Promise<BenchResult[]> {
  const big = size.policies === 2_000;
  const huge = isTargetOf100k(size);
  const sim = await startLargeSim(size);
  try {
    const floor = await listFloor(sim.kubeconfig);
    const label = `${Math.round(floor.objects / 100) / 10}k objects`;
    const { child, ready } = await startBff(bundle, sim.kubeconfig);
    try {
      if (ready.objects !== floor.objects) {
        throw new Error(`the BFF cached ${ready.objects} objects, the list returned ${floor.objects}`);
      }
      const endpoint = `${ready.url}/api/v1/clusters/${encodeURIComponent(ready.cluster)}/policies`;
      const bodyDir = mkdtempSync(join(tmpdir(), "palisade-bench-list-"));
      const bodyFile = join(bodyDir, "policies.json");
      const pid = child.process.pid;
      if (pid === undefined) throw new Error("the BFF child has no pid");
      const list = await policyLoad(endpoint, size.policies, bodyFile, big, pid);
      const scale = BFF_SCALE_SIZES.includes(size);
      const selector = scale
        ? await selectorLoad(endpoint.replace(/\/policies$/, `/selector?selector=${encodeURIComponent(SELECTOR)}`), pid)
        : undefined;
      const clients = `${size.policies} policies, ${CLIENTS} clients`;
      const bytesClients = `${clients} reading bytes`;
      const bound = big ? await ceiling(bodyFile) : undefined;
      rmSync(bodyDir, { recursive: true, force: true });
      const kb = (bytes: number) => round(bytes / 1024);
      return [
        { name: `objects listed, ${label}`, value: floor.objects, unit: "objects" },
        { name: `list floor, client-node typed APIs, ${label}`, value: round(floor.typedMs), unit: "ms" },
        { name: `list floor, raw JSON (BFF transport), ${label}`, value: round(floor.rawMs), unit: "ms" },
        { name: `BFF cold start to ready, ${label}`, value: round(ready.readyMs), unit: "ms" },
        { name: `BFF sync after module load, ${label}`, value: round(ready.readyMs - ready.loadedMs), unit: "ms" },
        { name: `BFF CPU to ready, ${label}`, value: round(ready.cpuMs), unit: "ms" },
        {
          name: `BFF RSS, ${label} cached`,
          value: round(ready.rssMB),
          unit: "MB",
          ...(big ? { target: "< 500" } : huge ? { target: "< 1000" } : {}),
        },
        { name: `BFF peak RSS during sync, ${label}`, value: round(ready.peakRssMB), unit: "MB" },
        { name: `BFF heap used, ${label} cached`, value: round(ready.heapUsedMB), unit: "MB" },
        { name: `policy list response size, ${size.policies} policies`, value: kb(list.bytes), unit: "KB" },
        {
          name: `policy list response size as sent to browsers (${list.browserEncoding}), ${size.policies} policies`,
          value: kb(list.browserBytes),
          unit: "KB",
        },
        {
          name: `requests refused with 503 (overload guard) before the loads, ${label}`,
          value: list.refused + (selector?.refused ?? 0),
          unit: "requests",
        },
        { name: `policy list p50, ${clients}`, value: list.browser.result.latency.p50, unit: "ms" },
        {
          name: `policy list p99, ${clients}`,
          value: list.browser.result.latency.p99,
          unit: "ms",
          ...(big || huge ? { target: "< 50" } : {}),
        },
        {
          name: `policy list throughput, ${clients}`,
          value: round(list.browser.result.requests.average),
          unit: "req/s",
        },
        {
          name: `policy list errors, ${clients}`,
          value: failures(list.browser.result),
          unit: "requests",
          ...(big ? { target: "<= 0" } : {}),
        },
        {
          name: `policy list BFF CPU per request, ${clients}`,
          value: Math.round(list.browser.serverCpuMsPerRequest * 1000) / 1000,
          unit: "ms",
        },
        {
          name: `policy list BFF busy during the load, ${clients}`,
          value: Math.round(list.browser.serverBusy * 100),
          unit: "% of a core",
        },
        { name: `policy list p50, ${bytesClients}`, value: list.bytesClient.result.p50, unit: "ms" },
        {
          name: `policy list p99, ${bytesClients}`,
          value: list.bytesClient.result.p99,
          unit: "ms",
          ...(big || huge ? { target: "< 50" } : {}),
        },
        { name: `policy list throughput, ${bytesClients}`, value: list.bytesClient.result.perSecond, unit: "req/s" },
        {
          name: `policy list errors, ${bytesClients}`,
          value: list.bytesClient.result.failures,
          unit: "requests",
          ...(big ? { target: "<= 0" } : {}),
        },
        {
          name: `policy list BFF busy during the load, ${bytesClients}`,
          value: Math.round(list.bytesClient.serverBusy * 100),
          unit: "% of a core",
        },
        {
          name: `policy list p99 without compression, ${clients}`,
          value: list.identity.result.latency.p99,
          unit: "ms",
        },
        {
          name: `policy list throughput without compression, ${clients}`,
          value: round(list.identity.result.requests.average),
          unit: "req/s",
        },
        {
          name: `policy list errors without compression, ${clients}`,
          value: failures(list.identity.result),
          unit: "requests",
        },
        ...(selector === undefined
          ? []
          : [
              { name: `selector query ${SELECTOR}, matches, ${label}`, value: selector.total, unit: "endpoints" },
              {
                name: `selector query ${SELECTOR}, first answer (computed), ${label}`,
                value: round(selector.firstMs),
                unit: "ms",
              },
              {
                name: `selector query p99, ${CLIENTS} clients, ${label}`,
                value: selector.browser.result.latency.p99,
                unit: "ms",
                ...(huge ? { target: "< 50" } : {}),
              },
              {
                name: `selector query errors, ${CLIENTS} clients, ${label}`,
                value: failures(selector.browser.result),
                unit: "requests",
                ...(huge ? { target: "<= 0" } : {}),
              },
              {
                name: `selector query throughput, ${CLIENTS} clients, ${label}`,
                value: round(selector.browser.result.requests.average),
                unit: "req/s",
              },
              {
                name: `selector query p99, ${CLIENTS} clients reading bytes, ${label}`,
                value: selector.bytes.result.p99,
                unit: "ms",
                ...(huge ? { target: "< 50" } : {}),
              },
              {
                name: `selector query throughput, ${CLIENTS} clients reading bytes, ${label}`,
                value: selector.bytes.result.perSecond,
                unit: "req/s",
              },
              {
                name: `selector query BFF CPU per request, ${CLIENTS} clients reading bytes, ${label}`,
                value: Math.round(selector.bytes.serverCpuMsPerRequest * 1000) / 1000,
                unit: "ms",
              },
            ]),
        ...(list.revalidate === undefined
          ? []
          : [
              {
                name: `policy list revalidation (304) p99, ${clients}`,
                value: list.revalidate.result.latency.p99,
                unit: "ms",
              },
              {
                name: `policy list revalidation (304) throughput, ${clients}`,
                value: round(list.revalidate.result.requests.average),
                unit: "req/s",
              },
            ]),
        ...(bound === undefined
          ? []
          : [
              { name: "ceiling: same bytes from bare Node http, p99", value: bound.plain.latency.p99, unit: "ms" },
              {
                name: "ceiling: same bytes from bare Node http, throughput",
                value: round(bound.plain.requests.average),
                unit: "req/s",
              },
              { name: "ceiling: same bytes Brotli-compressed once, p99", value: bound.br.latency.p99, unit: "ms" },
              {
                name: "ceiling: same bytes Brotli-compressed once, throughput",
                value: round(bound.br.requests.average),
                unit: "req/s",
              },
              {
                name: "ceiling: same bytes Brotli-compressed once, p99, reading bytes",
                value: bound.brBytes.p99,
                unit: "ms",
              },
              {
                name: "ceiling: same bytes Brotli-compressed once, throughput, reading bytes",
                value: bound.brBytes.perSecond,
                unit: "req/s",
              },
            ]),
      ];
    } finally {
      await child.stop();
    }
  } finally {
    await sim.stop();
  }
}

export const bffBench: Bench = {
  name: "bff",
  async run() {
    const bundle = await bundleServerChild();
    const out: BenchResult[] = [];
    for (const size of BFF_SIZES) out.push(...(await measureSize(size, bundle)));
    return out;
  },
};

export const bffScaleBench: Bench = {
  name: "bff-scale",
  async run() {
    const bundle = await bundleServerChild();
    const out: BenchResult[] = [];
    for (const size of BFF_SCALE_SIZES) out.push(...(await measureSize(size, bundle)));
    return out;
  },
};
