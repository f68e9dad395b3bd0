/**
 * The oracle's benchmark ops (bench.go) and the benchmark's side of them (calico-go.ts): the loops do the work
 * asked for (every selector parsed, the canonical forms and unique ids produced, the matches counted), figures are
 * consistent, and bad requests come back as errors without stopping the process. Loops here run for a few
 * milliseconds; no assertion depends on how fast anything is.
 */
import { readFileSync } from "node:fs";
import { describeWithShared } from "@palisade/reference/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CalicoGo, expectedPerPass, type SelectorWorkload } from "./calico-go";
import type { BenchAnswer, BenchFigures, BenchRequest } from "./client";
import { fixtureSelectors } from "./fixture-selectors";
import { useOracle } from "./use-oracle";

const oracle = useOracle();
const MS = 20;

/** Label maps whose matches are counted by hand: 1 + 2 + 2 + 2 = 7 of 12 pairs. */
const HAND_COUNTED: SelectorWorkload = {
  selectors: ['app == "web"', 'has(role) && env in {"prod", "stage"}', "all()", '!has(x) || x starts with "ab"'],
  labelMaps: [
    [{ app: "web" }, { app: "db" }, {}],
    [{ role: "x", env: "prod" }, { role: "x", env: "dev" }, { env: "prod" }, { role: "", env: "stage" }],
    [{}, { a: "b" }],
    [{ x: "abc" }, { x: "b" }, { y: "1" }],
  ],
};
const HAND_COUNTED_MATCHES = 7;
const HAND_COUNTED_PAIRS = 12;

function figuresOf(answer: BenchAnswer): BenchFigures {
  if (!answer.ok) throw new Error(`benchmark failed: ${answer.error}`);
  return answer.figures;
}

function expectConsistent(f: BenchFigures, opsPerPass: number): void {
  expect(f.passes).toBeGreaterThanOrEqual(1);
  expect(f.ops).toBe(f.passes * opsPerPass);
  expect(f.wallSeconds).toBeGreaterThan(0);
  expect(f.cpuSeconds).toBeGreaterThan(0);
  expect(f.opsPerCpuSecond).toBeCloseTo(f.ops / f.cpuSeconds, 3);
  expect(f.opsPerWallSecond).toBeCloseTo(f.ops / f.wallSeconds, 3);
}

const utf8Length = (s: string | undefined) => new TextEncoder().encode(s ?? "").length;

describeWithShared("benchParse and benchCanonical", (shared) => {
  // The fixtures, plus a non-ASCII value: Go's len() counts UTF-8 bytes, not characters.
  const selectors = [...fixtureSelectors(shared), 'app == "café"'];

  it("parses every selector in every pass", async () => {
    const f = figuresOf(await oracle().bench({ op: "benchParse", selectors, ms: MS }));
    expect(f.perPass).toBe(selectors.length);
    expectConsistent(f, selectors.length);
  });

  it("produces every canonical form and unique id in every pass", async () => {
    const f = figuresOf(await oracle().bench({ op: "benchCanonical", selectors, ms: MS }));
    const parsed = await Promise.all(selectors.map((s) => oracle().parse(s)));
    const bytes = parsed.reduce((sum, p) => sum + utf8Length(p.canonical) + utf8Length(p.uniqueId), 0);
    expect(parsed.every((p) => p.ok)).toBe(true);
    expect(f.perPass).toBe(bytes);
    // The benchmark's own expectation, computed with our engine, is the same work.
    expect(expectedPerPass({ selectors, labelMaps: [] }).canonicalBytes).toBe(bytes);
    expectConsistent(f, selectors.length);
  });
});

describe("benchEval", () => {
  for (const api of ["Evaluate", "EvaluateLabels"] as const) {
    it(`counts the same matches in every pass through ${api}`, async () => {
      const f = figuresOf(await oracle().bench({ op: "benchEval", ...HAND_COUNTED, api, ms: MS }));
      expect(f.perPass).toBe(HAND_COUNTED_MATCHES);
      expectConsistent(f, HAND_COUNTED_PAIRS);
    });
  }

  it("agrees with our engine's count on the benchmark's check", () => {
    expect(expectedPerPass(HAND_COUNTED).matches).toBe(HAND_COUNTED_MATCHES);
  });
});

describe("bad benchmark requests are answered with an error, and the oracle goes on", () => {
  const bad: readonly [string, BenchRequest, RegExp][] = [
    [
      "an invalid selector, by its index",
      { op: "benchParse", selectors: ["a == 'b'", "a == "], ms: MS },
      /^selectors\[1\] "a == ": /,
    ],
    ["no selectors", { op: "benchCanonical", selectors: [], ms: MS }, /needs selectors/],
    ["a zero duration", { op: "benchParse", selectors: ["all()"], ms: 0 }, /needs ms: .* \(got 0\)/],
    ["a duration over a minute", { op: "benchParse", selectors: ["all()"], ms: 60_001 }, /needs ms/],
    [
      "fewer label map lists than selectors",
      { op: "benchEval", selectors: ["all()", "has(a)"], labelMaps: [[{}]], api: "Evaluate", ms: MS },
      /needs labelMaps: .*2 selectors, 1 lists/,
    ],
    [
      "no label map at all",
      { op: "benchEval", selectors: ["all()"], labelMaps: [[]], api: "EvaluateLabels", ms: MS },
      /needs labelMaps/,
    ],
    [
      "an unknown evaluation API",
      // Deliberately outside the request type, as a caller in another language could send it.
      { op: "benchEval", selectors: ["all()"], labelMaps: [[{}]], api: "Match", ms: MS } as unknown as BenchRequest,
      /^benchEval needs api: "Evaluate" or "EvaluateLabels" \(got "Match"\)$/,
    ],
  ];
  for (const [what, request, error] of bad) {
    it(`rejects ${what}`, async () => {
      const answer = await oracle().bench(request);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error).toMatch(error);
      expect((await oracle().parse("all()")).ok).toBe(true);
    });
  }
});

describe("the benchmark's CalicoGo", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("names the release from go.mod and measures each workload", async () => {
    const go = await CalicoGo.start(HAND_COUNTED);
    expect(go).toBeDefined();
    try {
      const goMod = readFileSync(new URL("./go.mod", import.meta.url), "utf8");
      const release = /^\tgithub\.com\/projectcalico\/calico v\S+ \/\/ (v[\d.]+)$/m.exec(goMod)?.[1];
      expect(release).toMatch(/^v3\./);
      expect(go?.release).toBe(release);
      for (const figure of [
        await go?.parse(MS),
        await go?.parseCanonical(MS),
        await go?.evaluate("Evaluate", MS),
        await go?.evaluate("EvaluateLabels", MS),
      ])
        expect(figure).toBeGreaterThan(0);
    } finally {
      await go?.close();
    }
  });

  it("is absent, saying why on stderr, when the oracle cannot start", async () => {
    vi.stubEnv("PALISADE_ORACLE_BIN", "/nonexistent/calico-oracle");
    const stderr = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await CalicoGo.start(HAND_COUNTED)).toBeUndefined();
    expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/Calico Go rows omitted: the Calico oracle did not/));
  });
});
