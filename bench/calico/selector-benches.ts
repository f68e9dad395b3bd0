/**
 * Selector parsing and evaluation on every distinct selector in the fixtures, ours beside Calico's own Go code
 * (calico-go.ts) on the same selectors and the same label maps. Each figure is operations per CPU second of the
 * process doing them. Both sides run in alternating rounds, so that a change in the machine's load hits both alike,
 * and each side's median round (after a warm-up round) is reported.
 */

import { LabelTable, parseSelector, type Selector, type SelectorNode, seededRandom } from "@palisade/calico";
import { CalicoGo, fixtureSelectors, type OracleEvaluateApi } from "@palisade/calico/oracle";
import { locateShared } from "@palisade/reference";
import type { BenchResult } from "../types";
import { median } from "./stats";

const ROUNDS = 3;
const PARSE_ROUND_MS = 500;
const EVAL_ROUND_MS = 750;

/** ops per CPU second of one round, or undefined when that side could not measure. */
type Round = (ms: number) => number | undefined | Promise<number | undefined>;

/**
 * Runs `fn` repeatedly for about `ms` milliseconds; returns operations per CPU second (the machine is shared, so CPU
 * time, not wall time, is what one core delivers).
 */
function opsPerSecond(ms: number, batch: number, fn: () => void): number {
  let ops = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  while (performance.now() - start < ms) {
    fn();
    ops += batch;
  }
  const cpu = process.cpuUsage(cpu0);
  return Math.round((ops / (cpu.user + cpu.system)) * 1_000_000);
}

/**
 * Each contender's median over ROUNDS alternating rounds of `ms`, after one warm-up round each that is not counted (V8
 * compiles the hot code during the first round); undefined for one that failed a round.
 */
async function alternate(ms: number, contenders: readonly Round[]): Promise<(number | undefined)[]> {
  const figures: (number | undefined)[][] = contenders.map(() => []);
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [i, run] of contenders.entries()) {
      const figure = await run(ms);
      if (round > 0) figures[i]?.push(figure);
    }
  }
  return figures.map((xs) => (xs.every((x) => x !== undefined) ? median(xs) : undefined));
}

/** One of Calico's figures beside one of ours: which row of ours, which Go code, the release built in. */
interface GoFigure {
  readonly what: string;
  readonly engine: string;
  readonly release: string;
  readonly unit: string;
  readonly ours: number;
  readonly go: number | undefined;
}

/** The Go figure's row, then ours divided by it (above 1: ours does more per CPU second); none when Go failed. */
function goRows({ what, engine, release, unit, ours, go }: GoFigure): BenchResult[] {
  if (go === undefined) return [];
  return [
    { name: `${what}, Calico Go ${engine} ${release} (CPU)`, value: Math.round(go), unit },
    { name: `${what}, ours ÷ Calico Go ${engine} (CPU)`, value: Number((ours / go).toFixed(2)), unit: "×" },
  ];
}

const ENGINE: Record<OracleEvaluateApi, string> = {
  Evaluate: "Evaluate(map)",
  EvaluateLabels: "EvaluateLabels(interned)",
};

export async function selectorBenches(): Promise<BenchResult[]> {
  const shared = locateShared();
  if (!shared.present)
    throw new Error(`the selector benchmarks take their selectors from ../shared, but ${shared.reason}`);
  const sources = fixtureSelectors(shared.files);
  const selectors = sources.map((s) => {
    const r = parseSelector(s);
    if (!r.ok) throw new Error(`fixture selector does not parse: ${s}: ${r.error.message}`);
    return r.value;
  });
  const labelSets = selectors.map((s, i) => labelsFor(s, i));
  const workload = { selectors: sources, labelMaps: labelSets.map((maps) => maps.map((m) => Object.fromEntries(m))) };
  // Built (when not cached) and started before anything is timed, so that a Go build does not overlap our loops.
  const go = await CalicoGo.start(workload);
  try {
    // Like Go's loops, ours use what they compute (selectors parsed, unique id lengths, matches), checked below.
    let parsed = 0;
    let idLengths = 0;
    const [parse = 0, goParse] = await alternate(PARSE_ROUND_MS, [
      (ms) =>
        opsPerSecond(ms, sources.length, () => {
          for (const s of sources) if (parseSelector(s).ok) parsed++;
        }),
      ...(go === undefined ? [] : [(ms: number) => go.parse(ms)]),
    ]);
    const [parseCanonical = 0, goParseCanonical] = await alternate(PARSE_ROUND_MS, [
      (ms) =>
        opsPerSecond(ms, sources.length, () => {
          for (const s of sources) {
            const r = parseSelector(s);
            if (r.ok) idLengths += r.value.uniqueId().length;
          }
        }),
      ...(go === undefined ? [] : [(ms: number) => go.parseCanonical(ms)]),
    ]);
    const pairs = selectors.length * (labelSets[0]?.length ?? 0);
    let matches = 0;
    const goApis: readonly OracleEvaluateApi[] = go === undefined ? [] : ["Evaluate", "EvaluateLabels"];
    // As Go's EvaluateLabels loop: labels interned and selectors compiled before the loop (as the match index does).
    const table = new LabelTable();
    const internedSets = labelSets.map((maps) => maps.map((m) => table.labels(m)));
    const matchers = selectors.map((s) => s.matcherFor(table));
    let internedMatches = 0;
    // One pass each before timing: the interned loop must find exactly the matches the string one does.
    const count = (test: (i: number, j: number) => boolean) =>
      labelSets.reduce((n, maps, i) => n + maps.filter((_, j) => test(i, j)).length, 0);
    const stringCount = count((i, j) => selectors[i]?.evaluate(labelSets[i]?.[j] ?? new Map()) === true);
    const internedCount = count((i, j) => matchers[i]?.(internedSets[i]?.[j] ?? []) === true);
    if (stringCount !== internedCount) {
      throw new Error(`interned evaluation found ${internedCount} matches, string evaluation ${stringCount}`);
    }
    const [evaluate = 0, evaluateInterned = 0, ...goEvaluate] = await alternate(EVAL_ROUND_MS, [
      (ms) =>
        opsPerSecond(ms, pairs, () => {
          for (let i = 0; i < selectors.length; i++) {
            const sel = selectors[i] as Selector;
            for (const labels of labelSets[i] ?? []) if (sel.evaluate(labels)) matches++;
          }
        }),
      (ms) =>
        opsPerSecond(ms, pairs, () => {
          // Indexed loops and a local count, as Go's loop: no iterator per label list.
          let n = 0;
          for (let i = 0; i < matchers.length; i++) {
            const matches = matchers[i] as (typeof matchers)[number];
            const sets = internedSets[i] as (typeof internedSets)[number];
            for (let j = 0; j < sets.length; j++) if (matches(sets[j] as (typeof sets)[number])) n++;
          }
          internedMatches += n;
        }),
      ...goApis.map((api) => (ms: number) => go?.evaluate(api, ms)),
    ]);
    if (parsed === 0 || idLengths === 0) throw new Error("the parse loops parsed nothing");
    if (matches === 0) throw new Error("no generated label set matched any selector");
    if (internedMatches === 0) throw new Error("no interned label set matched any selector");

    const release = go?.release ?? "";
    const parsing = { engine: "parser", release, unit: "ops/s" };
    const evaluation = { what: "selector evaluation, fixtures × generated labels", release, unit: "evals/s" };
    return [
      { name: `fixture selectors (distinct)`, value: sources.length, unit: "selectors" },
      { name: "selector parse (CPU)", value: parse, unit: "ops/s" },
      ...goRows({ ...parsing, what: "selector parse", ours: parse, go: goParse }),
      { name: "selector parse + canonical + uniqueId (CPU)", value: parseCanonical, unit: "ops/s" },
      ...goRows({
        ...parsing,
        what: "selector parse + canonical + uniqueId",
        ours: parseCanonical,
        go: goParseCanonical,
      }),
      { name: `${evaluation.what} (CPU)`, value: evaluate, unit: "evals/s", target: ">= 5000000" },
      ...goApis.flatMap((api, i) => goRows({ ...evaluation, engine: ENGINE[api], ours: evaluate, go: goEvaluate[i] })),
      { name: `${evaluation.what}, interned labels (CPU)`, value: evaluateInterned, unit: "evals/s" },
      ...goRows({
        ...evaluation,
        what: `${evaluation.what}, interned labels`,
        engine: ENGINE.EvaluateLabels,
        ours: evaluateInterned,
        go: goEvaluate[goApis.indexOf("EvaluateLabels")],
      }),
    ];
  } finally {
    await go?.close();
  }
}

/** 32 label maps per selector over its own label names and literal values, some matching and some not. */
function labelsFor(selector: Selector, seed: number): Map<string, string>[] {
  const names = new Set<string>();
  const values = new Set<string>(["x", "other"]);
  const walk = (n: SelectorNode): void => {
    if ("label" in n) names.add(n.label);
    if ("value" in n) values.add(n.value);
    if ("values" in n) for (const v of n.values) values.add(v);
    if ("operand" in n) walk(n.operand);
    if ("operands" in n) for (const o of n.operands) walk(o);
  };
  walk(selector.root);
  const rnd = seededRandom(seed + 1);
  const nameList = [...names, "app", "kubernetes.io/hostname", "pod-template-hash"];
  const valueList = [...values];
  return Array.from({ length: 32 }, () => {
    const m = new Map<string, string>();
    for (const name of nameList) if (rnd.next() < 0.7) m.set(name, rnd.pick(valueList));
    return m;
  });
}
