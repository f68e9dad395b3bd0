/** What every conformance suite returns: counts and the lines to print before the `N passed, N failed` summary. */
export interface SuiteResult {
  readonly passed: number;
  readonly failed: number;
  readonly lines: readonly string[];
}

export type Suite = (path: string) => SuiteResult;
