/**
 * The oracle's benchIndex op (bench_index.go) and the benchmark's side of it (felix-index.ts): Felix's own label
 * indexes, built on a generated cluster, find exactly the selector–item matches our match index finds, and bad
 * requests come back as errors. No assertion depends on how fast anything is.
 */
import { describe, expect, it } from "vitest";
import { generateCluster, indexCluster } from "../src/index";
import type { FelixIndexKind } from "./client";
import { felixIndexWorkload } from "./felix-index";
import { useOracle } from "./use-oracle";

const oracle = useOracle();

describe("benchIndex", () => {
  for (const profile of ["synthetic", "real-world"] as const) {
    const cluster = generateCluster({ endpoints: 600, policies: 300, seed: 5, profile });
    const workload = felixIndexWorkload(cluster, indexCluster(cluster));
    for (const index of ["SelectorAndNamedPortIndex", "InheritIndex"] as const) {
      it(`Felix's ${index} finds our matches on the ${profile} profile`, async () => {
        expect(workload.matches).toBeGreaterThan(0);
        const answer = await oracle().bench({ ...workload.request, index });
        expect(answer.ok).toBe(true);
        if (!answer.ok) return;
        expect(answer.figures.perPass).toBe(workload.matches);
        expect(answer.figures.cpuSeconds).toBeGreaterThan(0);
      });
    }
  }

  it("counts a match that only a profile's label makes", async () => {
    const answer = await oracle().bench({
      op: "benchIndex",
      index: "SelectorAndNamedPortIndex",
      items: [
        { id: "a", labels: { app: "x" }, parents: ["kns.prod"] },
        { id: "b", labels: { app: "x" }, parents: [] },
      ],
      parents: { "kns.prod": { "pcns.env": "prod" } },
      selectors: ["pcns.env == 'prod' && app == 'x'", "app == 'x'"],
    });
    expect(answer.ok && answer.figures.perPass).toBe(3);
  });

  const bad: readonly [string, FelixIndexKind | "Other", number, RegExp][] = [
    ["an unknown index", "Other", 1, /needs index: "SelectorAndNamedPortIndex" or "InheritIndex" \(got "Other"\)/],
    ["no items", "InheritIndex", 0, /needs items/],
  ];
  for (const [what, index, items, error] of bad) {
    it(`rejects ${what}`, async () => {
      const answer = await oracle().bench({
        op: "benchIndex",
        index: index as FelixIndexKind,
        items: Array.from({ length: items }, (_, i) => ({ id: `i${i}`, labels: {}, parents: [] })),
        parents: {},
        selectors: ["all()"],
      });
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error).toMatch(error);
    });
  }
});
