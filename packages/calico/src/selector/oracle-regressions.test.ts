/**
 * Fixed cases for selector inputs where packages/calico and Calico were found apart
 * (packages/calico/oracle/selector-regressions.ts; the integration tier checks `calicoValid` against the oracle).
 * Rows still `open` assert that we still differ (`it.fails`): changing that makes the row fail until `open` goes.
 */
import { describe, expect, it } from "vitest";
import { SELECTOR_REGRESSION_ROWS } from "../../oracle/selector-regressions";
import { parseSelector } from "./selector";

describe("selector disagreements found against Calico (oracle regressions)", () => {
  for (const row of SELECTOR_REGRESSION_ROWS) {
    if (row.open === undefined) {
      it(row.name, () => {
        expect(parseSelector(row.selector).ok).toBe(row.calicoValid);
      });
    } else {
      it.fails(`${row.name} [open: ${row.open}]`, () => {
        expect(parseSelector(row.selector).ok).toBe(row.calicoValid);
      });
    }
  }
});
