/**
 * Calico's own Go selector code, timed on the same selectors and label maps as ours (issue 8: "selector parse ...
 * compare with Calico's Go parser"). The loops run inside the oracle (`../oracle/bench.go`), which reports operations
 * per CPU second of its process, as our figures are per CPU second of ours. When the oracle cannot be built or
 * started (no Go toolchain, no module proxy), `startCalicoGo` says why on stderr and the benchmark goes on without it.
 */

import { parseSelector } from "../src/index";
import { type BenchRequest, CalicoOracle, type OracleEvaluateApi } from "./client";

/** The inputs both sides are timed on: the fixture selectors and, per selector, its label maps. */
export interface SelectorWorkload {
  readonly selectors: readonly string[];
  readonly labelMaps: readonly (readonly Readonly<Record<string, string>>[])[];
}

function omit(why: string): void {
  console.error(`calico-core: Calico Go rows omitted: ${why}`);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * What one pass over the workload computes, by our engine: the UTF-8 bytes of every canonical form plus unique id
 * (Go's len()), and how many selector × label map pairs match. Go must compute the same, or it did other work.
 */
export function expectedPerPass(workload: SelectorWorkload): { canonicalBytes: number; matches: number } {
  const utf8 = new TextEncoder();
  let canonicalBytes = 0;
  let matches = 0;
  workload.selectors.forEach((source, i) => {
    const parsed = parseSelector(source);
    if (!parsed.ok) return;
    canonicalBytes += utf8.encode(parsed.value.toString()).length + utf8.encode(parsed.value.uniqueId()).length;
    for (const labels of workload.labelMaps[i] ?? []) if (parsed.value.matchesRecord(labels)) matches++;
  });
  return { canonicalBytes, matches };
}

/** Calico's Go selector code on one workload. Each measurement returns ops per CPU second, or undefined (said why). */
export class CalicoGo {
  private readonly expected: { canonicalBytes: number; matches: number };
  /** Measurements that failed once are not asked again. */
  private readonly failed = new Set<string>();

  private constructor(
    private readonly oracle: CalicoOracle,
    private readonly workload: SelectorWorkload,
  ) {
    this.expected = expectedPerPass(workload);
  }

  /** The Calico release built in, e.g. "v3.31.0" (its pseudo-version when the release is not known). */
  get release(): string {
    return this.oracle.calicoRelease === "unknown" ? this.oracle.calicoVersion : this.oracle.calicoRelease;
  }

  /** `selector.Parse` per selector (it computes String(), UniqueID() and the label restrictions eagerly). */
  parse(ms: number): Promise<number | undefined> {
    const { selectors } = this.workload;
    return this.measure("parse", { op: "benchParse", selectors, ms }, selectors.length);
  }

  /** `selector.Parse`, then `String()` and `UniqueID()`: our "parse + canonical + uniqueId". */
  parseCanonical(ms: number): Promise<number | undefined> {
    const request = { op: "benchCanonical", selectors: this.workload.selectors, ms } as const;
    return this.measure("parse + String() + UniqueID()", request, this.expected.canonicalBytes);
  }

  /** Every selector against each of its label maps, through `api`. */
  evaluate(api: OracleEvaluateApi, ms: number): Promise<number | undefined> {
    const { selectors, labelMaps } = this.workload;
    return this.measure(
      `evaluation through ${api}`,
      { op: "benchEval", selectors, labelMaps, api, ms },
      this.expected.matches,
    );
  }

  close(): Promise<void> {
    return this.oracle.close();
  }

  /** Builds (when not cached) and starts the oracle without its CRD layer; undefined, said why, when it cannot. */
  static async start(workload: SelectorWorkload): Promise<CalicoGo | undefined> {
    try {
      return new CalicoGo(await CalicoOracle.start({ crdDir: null }), workload);
    } catch (error) {
      omit(`the Calico oracle did not build or start: ${message(error)}`);
      return undefined;
    }
  }

  private async measure(what: string, request: BenchRequest, perPass: number): Promise<number | undefined> {
    if (this.failed.has(what)) return undefined;
    let why: string;
    try {
      const answer = await this.oracle.bench(request);
      if (answer.ok && answer.figures.perPass === perPass) return answer.figures.opsPerCpuSecond;
      why = answer.ok
        ? `one pass computed ${answer.figures.perPass} in Go, ${perPass} here: not the same work`
        : answer.error;
    } catch (error) {
      why = message(error);
    }
    this.failed.add(what);
    omit(`${what}: ${why}`);
    return undefined;
  }
}
