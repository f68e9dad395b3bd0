/**
 * Selector inputs where the differential tests or their follow-ups found packages/calico and Calico apart, as
 * fixed cases. Read by src/selector/oracle-regressions.test.ts (our verdict) and selector.int.test.ts (`calico` is
 * what the oracle says). `open` says why we still differ, when we do.
 */

export interface SelectorRegressionRow {
  readonly name: string;
  readonly selector: string;
  /** Calico's verdict: does Parse accept it. */
  readonly calicoValid: boolean;
  readonly open?: string;
}

const nested = (depth: number, open: string, close: string) => `${open.repeat(depth)}a == 'b'${close.repeat(depth)}`;

export const SELECTOR_REGRESSION_ROWS: readonly SelectorRegressionRow[] = [
  {
    name: "parentheses nested 1000 deep parse",
    selector: nested(1000, "(", ")"),
    calicoValid: true,
  },
  {
    name: "parentheses nested 5000 deep parse in Calico (its recursive-descent parser has no depth limit)",
    selector: nested(5000, "(", ")"),
    calicoValid: true,
    open: "MAX_SELECTOR_NESTING = 1000 rejects deeper nesting on purpose (stack safety in the browser)",
  },
  {
    name: "negated groups nested 5000 deep parse in Calico",
    selector: nested(5000, "!(", ")"),
    calicoValid: true,
    open: "MAX_SELECTOR_NESTING = 1000 rejects deeper nesting on purpose (stack safety in the browser)",
  },
  {
    name: "5000 leading '!' collapse to their parity",
    selector: `${"!".repeat(5000)}a == 'b'`,
    calicoValid: true,
  },
];
