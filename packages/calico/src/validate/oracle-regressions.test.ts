/**
 * Fixed cases for the disagreements the differential tests found between this validator and Calico's
 * (packages/calico/oracle/validator-regressions.ts; the integration tier checks `calico` there against the oracle).
 * Rows still `open` assert that we still differ (`it.fails`): fixing one makes its row fail until `open` is removed
 * there.
 */
import { describe, expect, it } from "vitest";
import { OPEN_DISAGREEMENTS, REGRESSION_ROWS, type RegressionRow } from "../../oracle/validator-regressions";
import { validateSelector } from "../selector/selector";
import { validateFragmentWith } from "./fragment";
import { validateResourceWith } from "./resource";

const options = { checkSelector: (s: string) => validateSelector(s)?.message };

function ours(row: RegressionRow): boolean {
  return row.fragment === undefined
    ? validateResourceWith(row.object, options).valid
    : validateFragmentWith(row.fragment, row.object, options).valid;
}

describe("validator disagreements found against Calico (oracle regressions)", () => {
  for (const row of REGRESSION_ROWS) {
    if (row.open === undefined) {
      it(row.name, () => {
        expect(ours(row)).toBe(row.calico);
      });
    } else {
      it.fails(`${row.name} [open: ${OPEN_DISAGREEMENTS[row.open]?.summary ?? row.open}]`, () => {
        expect(ours(row)).toBe(row.calico);
      });
    }
  }
});
