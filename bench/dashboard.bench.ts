/**
 * The dashboard in headless Chromium at three sizes: 500 / 1,000 / 2,000 policies with 125 / 250 / 500 graph nodes
 * (workers, their interfaces and pods), and issue 21's real-world profile (15,000 policies, 5,500 pods), each served
 * by its own kube-sim and the bundled BFF with the production build of the SPA, all in one browser. Targets apply to
 * the 2,000-policy size (issue 8: 2,000 policies, 500 graph nodes); the others show how each cost grows. At each size:
 * - table interactive: from the policy list's arrival (Resource Timing responseEnd) until the rows are in the DOM and
 *   the long tasks that rendering them caused have ended (median of three page loads); then a search typed into the
 *   filter, until the count shows;
 * - graph laid out: from the graph model's arrival until Cytoscape's canvas first has pixels drawn, and the graph
 *   model's size uncompressed;
 * - scrolling: the table scrolled top to bottom (one step per frame) and the graph zoomed, with the longest task seen
 *   by a PerformanceObserver of `longtask` entries (those over 50 ms) during each.
 */
import { join } from "node:path";
import { chooseBrowser } from "@palisade/e2e/browser";
import type { LargeScenarioSize } from "@palisade/kube-sim";
import { type Browser, type CDPSession, chromium, type Page } from "@playwright/test";
import { bundleServerChild } from "./bff/bundle";
import { startBff } from "./bff.bench";
import { REPO_ROOT, runPnpm } from "./processes";
import { startLargeSim } from "./sim";
import type { Bench, BenchResult } from "./types";

/**
 * The generator turns `2 × nodes + pods` endpoints into about one worker per 112 endpoints, each with two host
 * endpoints, and pods for the rest: 124 → 1 worker + 2 + 122 pods = 125 graph nodes; 248 → 2 + 4 + 244 = 250;
 * 496 → 4 + 8 + 488 = 500. The last size is the one the targets are for.
 */
const SIZES: readonly LargeScenarioSize[] = [
  { nodes: 1, pods: 122, policies: 500 },
  { nodes: 2, pods: 244, policies: 1_000 },
  { nodes: 4, pods: 488, policies: 2_000 },
  // Issue 21's real-world profile: 15,000 policies, 5,500 pods in about 600 namespaces (collapsed by default).
  { nodes: 50, pods: 5_500, policies: 15_000, profile: "real-world" },
];
const TARGET_POLICIES = 2_000;
const WEB_DIST = join(REPO_ROOT, "apps/web/dist");
/** The count when no filter is set ("2000 policies", not "12 of 2000 policies"). */
const allPolicies = (policies: number) => new RegExp(`^${policies} policies$`);
/** A target, only at the size the issue sets targets for. */
const at = (policies: number, target: string) => (policies === TARGET_POLICIES ? { target } : {});

/** Installed before the app's scripts: collects long tasks and the moment the first policy row appears. */
const OBSERVE = `
window.__bench = { longtasks: [], rowsAt: undefined };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__bench.longtasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: "longtask", buffered: true });
new MutationObserver((_, observer) => {
  if (document.querySelector('[data-testid="policy-row"]')) {
    window.__bench.rowsAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
`;

interface Task {
  readonly start: number;
  readonly duration: number;
}

/** responseEnd of the first fetched resource whose URL ends with `suffix`. */
function responseEnd(page: Page, suffix: string): Promise<number> {
  return page.evaluate((s) => {
    const e = performance.getEntriesByType("resource").find((r) => r.name.split("?")[0]?.endsWith(s));
    if (e === undefined) throw new Error(`no resource timing entry for ${s}`);
    return (e as unknown as { responseEnd: number }).responseEnd;
  }, suffix);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Chromium's main-thread counters (CDP Performance.getMetrics), in ms: CPU time, script, style and layout. */
async function mainThread(cdp: CDPSession): Promise<{ thread: number; script: number; layout: number }> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const m = (name: string) => (metrics.find((x) => x.name === name)?.value ?? 0) * 1000;
  return {
    thread: m("ThreadTime"),
    script: m("ScriptDuration"),
    layout: m("LayoutDuration") + m("RecalcStyleDuration"),
  };
}

const longtasks = (page: Page) => page.evaluate("window.__bench.longtasks") as Promise<Task[]>;
const longestSince = (tasks: readonly Task[], t: number) =>
  Math.max(0, ...tasks.filter((x) => x.start >= t).map((x) => x.duration));

const LOADS = 3;

/** Loads the policy page; returns ms from the list's arrival until its rows are rendered and their long tasks ended. */
async function interactiveAfterData(page: Page, base: string, policies: number): Promise<number> {
  await page.goto(`${base}/policies`);
  await page
    .getByTestId("policy-count")
    .filter({ hasText: allPolicies(policies) })
    .waitFor({ timeout: 60_000 });
  // Long tasks are reported once they end: give any that rendering started time to finish and be observed.
  await page.waitForTimeout(1_000);
  const dataAt = await responseEnd(page, "/policies");
  const rowsAt = (await page.evaluate("window.__bench.rowsAt")) as number;
  const tasks = await longtasks(page);
  const renderEnd = Math.max(
    rowsAt,
    ...tasks.filter((t) => t.start + t.duration > dataAt && t.start <= rowsAt).map((t) => t.start + t.duration),
  );
  return renderEnd - dataAt;
}

/** Scrolls the table body from the top to the bottom, 400 px per animation frame; resolves with the frame count. */
const SCROLL_THROUGH = `new Promise((resolve) => {
  const body = document.querySelector(".vtable-body");
  body.scrollTop = 0;
  let frames = 0;
  const step = () => {
    frames++;
    body.scrollTop += 400;
    if (body.scrollTop + body.clientHeight >= body.scrollHeight - 1) resolve(frames);
    else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

interface TraceEvent {
  readonly name: string;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly elementCount?: number };
}

/**
 * Elements Chromium restyles per frame while the table scrolls top to bottom once more, traced (its
 * `UpdateLayoutTree` events carry the count) on a scroll apart from the timed one, since tracing slows the page. A
 * count, so unlike times it does not depend on the machine's load.
 */
async function elementsStyledPerFrame(page: Page): Promise<number> {
  const browser = page.context().browser();
  if (browser === null) throw new Error("the page has no browser to trace");
  await browser.startTracing(page, { categories: ["devtools.timeline"] });
  const frames = (await page.evaluate(SCROLL_THROUGH)) as number;
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const recalcs = traceEvents.filter((e) => e.name === "UpdateLayoutTree");
  // The renderer's main thread is the one that recalculates style most often.
  const perThread = new Map<string, number>();
  for (const e of recalcs) perThread.set(`${e.pid}/${e.tid}`, (perThread.get(`${e.pid}/${e.tid}`) ?? 0) + 1);
  const main = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const elements = recalcs
    .filter((e) => `${e.pid}/${e.tid}` === main)
    .reduce((sum, e) => sum + (e.args?.elementCount ?? 0), 0);
  return elements / frames;
}

async function table(page: Page, base: string, policies: number): Promise<BenchResult[]> {
  const loads: number[] = [];
  for (let i = 0; i < LOADS; i++) loads.push(await interactiveAfterData(page, base, policies));
  loads.sort((a, b) => a - b);
  const count = page.getByTestId("policy-count");
  const rendered = await page.getByTestId("policy-row").count();

  const search = page.getByPlaceholder("name, selector, tier…");
  const firstName = (await page.getByTestId("policy-row").first().locator(".name a").textContent()) ?? "";
  const typedAt = (await page.evaluate("performance.now()")) as number;
  await search.fill(firstName);
  await count.filter({ hasText: ` of ${policies} policies` }).waitFor({ timeout: 30_000 });
  const filteredAt = (await page.evaluate("performance.now()")) as number;
  await search.fill("");
  await count.filter({ hasText: allPolicies(policies) }).waitFor({ timeout: 30_000 });

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const before = await mainThread(cdp);
  const scrollFrom = (await page.evaluate("performance.now()")) as number;
  const frames = (await page.evaluate(SCROLL_THROUGH)) as number;
  const scrollMs = ((await page.evaluate("performance.now()")) as number) - scrollFrom;
  const after = await mainThread(cdp);
  await page.waitForTimeout(300);
  const scrollTasks = (await longtasks(page)).filter((t) => t.start >= scrollFrom);
  const styled = await elementsStyledPerFrame(page);
  const size = `${policies} policies`;
  const perFrame = (ms: number) => round1(ms / frames);
  return [
    { name: `table rows in DOM (virtualised), ${size}`, value: rendered, unit: "rows" },
    {
      name: `table interactive after data, ${size} (median of ${LOADS} loads)`,
      value: Math.round(loads[Math.floor(LOADS / 2)] ?? Number.NaN),
      unit: "ms",
      ...at(policies, "< 1000"),
    },
    {
      name: `table interactive after data, ${size} (slowest of ${LOADS} loads)`,
      value: Math.round(loads.at(-1) ?? Number.NaN),
      unit: "ms",
    },
    { name: `table filter typed → count shown, ${size}`, value: Math.round(filteredAt - typedAt), unit: "ms" },
    { name: `table scroll top to bottom, ${size} (${frames} frames)`, value: Math.round(scrollMs), unit: "ms" },
    {
      name: `table scroll main-thread CPU per frame, ${size}`,
      value: perFrame(after.thread - before.thread),
      unit: "ms",
    },
    { name: `table scroll script per frame, ${size}`, value: perFrame(after.script - before.script), unit: "ms" },
    {
      name: `table scroll style + layout per frame, ${size}`,
      value: perFrame(after.layout - before.layout),
      unit: "ms",
    },
    { name: `table scroll elements styled per frame, ${size}`, value: Math.round(styled), unit: "elements" },
    {
      name: `table scroll longest task, ${size}`,
      value: Math.round(longestSince(scrollTasks, scrollFrom)),
      unit: "ms",
      ...at(policies, "< 50"),
    },
    {
      name: `table scroll long tasks (> 50 ms), ${size}`,
      value: scrollTasks.length,
      unit: "tasks",
      ...at(policies, "<= 0"),
    },
  ];
}

/** Resolves in the page when a canvas of the graph first has a non-transparent pixel; returns that time. */
const FIRST_DRAWN = `new Promise((resolve) => {
  const probe = document.createElement("canvas");
  probe.width = 48;
  probe.height = 48;
  const ctx = probe.getContext("2d", { willReadFrequently: true });
  const check = () => {
    for (const c of document.querySelectorAll('[data-testid="graph-canvas"] canvas')) {
      if (c.width === 0 || c.height === 0) continue;
      ctx.clearRect(0, 0, 48, 48);
      ctx.drawImage(c, 0, 0, 48, 48);
      const px = ctx.getImageData(0, 0, 48, 48).data;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) return resolve(performance.now());
    }
    requestAnimationFrame(check);
  };
  check();
})`;

async function graph(page: Page, base: string, policies: number): Promise<BenchResult[]> {
  await page.goto(`${base}/graph`);
  const header = page.getByText(/\d+ nodes · \d+ interfaces · \d+ pods/);
  await header.waitFor({ timeout: 60_000 });
  const counts = ((await header.textContent()) ?? "").match(/(\d+) nodes · (\d+) interfaces · (\d+) pods/) ?? [];
  const graphNodes = Number(counts[1]) + Number(counts[2]) + Number(counts[3]);
  const drawnAt = (await page.evaluate(FIRST_DRAWN)) as number;
  const dataAt = await responseEnd(page, "/graph");
  const bytes = (await page.evaluate(() => {
    const e = performance.getEntriesByType("resource").find((r) => r.name.split("?")[0]?.endsWith("/graph"));
    return (e as unknown as { decodedBodySize?: number } | undefined)?.decodedBodySize ?? 0;
  })) as number;
  const canvas = page.getByTestId("graph-canvas");
  const box = await canvas.boundingBox();
  if (box === null) throw new Error("graph canvas not visible");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const zoomFrom = (await page.evaluate("performance.now()")) as number;
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, i < 10 ? -240 : 240);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(300);
  const zoomTasks = (await longtasks(page)).filter((t) => t.start >= zoomFrom);
  return [
    {
      name: `graph laid out and drawn after data, ${graphNodes} nodes`,
      value: Math.round(drawnAt - dataAt),
      unit: "ms",
      ...at(policies, "< 2000"),
    },
    { name: `graph response, uncompressed, ${graphNodes} nodes`, value: Math.round(bytes / 1024), unit: "KB" },
    {
      name: `graph zoom longest task, ${graphNodes} nodes`,
      value: Math.round(longestSince(zoomTasks, zoomFrom)),
      unit: "ms",
    },
  ];
}

/** One size: its own kube-sim and BFF, a fresh browser context; the table, then the graph. */
async function atSize(browser: Browser, bundle: string, size: LargeScenarioSize): Promise<BenchResult[]> {
  const sim = await startLargeSim(size);
  try {
    const { child, ready } = await startBff(bundle, sim.kubeconfig, ["--web-root", WEB_DIST]);
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      try {
        await context.addInitScript(OBSERVE);
        const base = `${ready.url}/c/${encodeURIComponent(ready.cluster)}`;
        const out = await table(await context.newPage(), base, size.policies);
        out.push(...(await graph(await context.newPage(), base, size.policies)));
        return out;
      } finally {
        await context.close();
      }
    } finally {
      await child.stop();
    }
  } finally {
    await sim.stop();
  }
}

export const dashboardBench: Bench = {
  name: "dashboard",
  async run() {
    // Always rebuild: a dist/ left from earlier sources would measure an old table.
    runPnpm(["--silent", "build"]);
    const bundle = await bundleServerChild();
    const choice = chooseBrowser();
    const browser = await chromium.launch({
      args: choice.args,
      ...(choice.executablePath === undefined ? {} : { executablePath: choice.executablePath }),
    });
    try {
      const out: BenchResult[] = [];
      for (const size of SIZES) out.push(...(await atSize(browser, bundle, size)));
      return out;
    } finally {
      await browser.close();
    }
  },
};
