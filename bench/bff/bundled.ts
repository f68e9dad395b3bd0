/**
 * What the benchmarks that send the bundled BFF proposed changes share (checks, dry-run): the BFF (bff.bench.ts's
 * child) on a kube-sim of a given size, each in its own process, and a JSON POST as the web app sends it.
 */
import { CSRF_HEADER } from "@palisade/contract";
import type { LargeScenarioSize } from "@palisade/kube-sim";
import { startBff } from "../bff.bench";
import type { Child } from "../processes";
import { startLargeSim } from "../sim";
import { bundleServerChild } from "./bundle";

export interface BundledBff {
  readonly child: Child;
  /** The BFF's base URL, for `/healthz`. */
  readonly url: string;
  /** The cluster's API, `<url>/api/v1/clusters/<cluster>`. */
  readonly cluster: string;
}

/** Runs `use` against the bundled BFF on a kube-sim of `size`; both are stopped after, also when `use` throws. */
export async function withBundledBff<T>(size: LargeScenarioSize, use: (bff: BundledBff) => Promise<T>): Promise<T> {
  const sim = await startLargeSim(size);
  try {
    const bff = await startBff(await bundleServerChild(), sim.kubeconfig);
    try {
      return await use({
        child: bff.child,
        url: bff.ready.url,
        cluster: `${bff.ready.url}/api/v1/clusters/${bff.ready.cluster}`,
      });
    } finally {
      await bff.child.stop();
    }
  } finally {
    await sim.stop();
  }
}

export interface Posted {
  readonly status: number;
  readonly text: string;
  /** Wall time from sending to the last byte. */
  readonly ms: number;
  readonly retryAfter: string | null;
}

/** POSTs `body` as JSON with the CSRF header the web app sends. */
export async function postJson(url: string, body: unknown): Promise<Posted> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - t0, retryAfter: res.headers.get("retry-after") };
}

/** The `q` quantile of sorted figures by nearest rank. */
export const nearestRank = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;

/** One decimal place. */
export const round1 = (x: number): number => Number(x.toFixed(1));

/**
 * Runs `request` while a client asks `/healthz` again as soon as each answer arrives; the `/healthz` wall times,
 * sorted, are the event-loop delay everyone else sees meanwhile.
 */
export async function whileAskingHealth<T>(
  url: string,
  request: () => Promise<T>,
): Promise<{ readonly result: T; readonly health: number[] }> {
  let running = true;
  const health: number[] = [];
  const ask = async () => {
    while (running) {
      const t0 = performance.now();
      await (await fetch(`${url}/healthz`)).text();
      health.push(performance.now() - t0);
    }
  };
  const asking = ask();
  try {
    return { result: await request(), health };
  } finally {
    running = false;
    await asking;
    health.sort((a, b) => a - b);
  }
}
