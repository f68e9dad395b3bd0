/** One measured figure. `target` says what "good" is, e.g. "< 500 ms" or ">= 5000000"; absent when only reported. */
export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string;
}

/** A benchmark module: `run` measures and returns its figures; it must stop by itself. */
export interface Bench {
  readonly name: string;
  run(): Promise<BenchResult[]>;
}

/** Whether a figure meets its target; undefined when there is none. */
export function meetsTarget(r: BenchResult): boolean | undefined {
  const m = r.target?.match(/^(<=|>=|<|>)\s*([\d.]+)/);
  if (m === null || m === undefined) return undefined;
  const limit = Number(m[2]);
  switch (m[1]) {
    case "<":
      return r.value < limit;
    case "<=":
      return r.value <= limit;
    case ">":
      return r.value > limit;
    default:
      return r.value >= limit;
  }
}
