/**
 * Differential test: packages/calico's selector engine against Calico's own (the oracle). For every generated
 * selector both must agree on validity (Parse and Validate), canonical string, unique id, label restrictions, and
 * the match verdict on several generated label maps.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSelector, type Selector, validateSelector } from "../src/index";
import type { OracleLabelRestriction } from "./client";
import { differentialParameters } from "./fast-check-run";
import { labelMap, selectorText } from "./selector-arbitrary";
import { SELECTOR_REGRESSION_ROWS } from "./selector-regressions";
import { useOracle } from "./use-oracle";

const oracle = useOracle();

interface Verdict {
  readonly ok: boolean;
  readonly validateOk: boolean;
  readonly canonical?: string;
  readonly uniqueId?: string;
  readonly restrictions?: Record<string, OracleLabelRestriction>;
  readonly matches: readonly boolean[];
}

/** Label restrictions with value lists sorted: their order carries no meaning. */
function normalise(r: Readonly<Record<string, OracleLabelRestriction>>): Record<string, OracleLabelRestriction> {
  const out: Record<string, OracleLabelRestriction> = {};
  for (const [label, x] of Object.entries(r)) {
    const values = x.mustHaveOneOfValues === null ? null : [...x.mustHaveOneOfValues].sort();
    out[label] = { mustBePresent: x.mustBePresent, mustBeAbsent: x.mustBeAbsent, mustHaveOneOfValues: values };
  }
  return out;
}

function restrictionsOf(sel: Selector): Record<string, OracleLabelRestriction> {
  const out: Record<string, OracleLabelRestriction> = {};
  for (const [label, r] of sel.labelRestrictions()) {
    out[label] = {
      mustBePresent: r.mustBePresent,
      mustBeAbsent: r.mustBeAbsent,
      mustHaveOneOfValues: r.mustHaveOneOfValues === undefined ? null : r.mustHaveOneOfValues,
    };
  }
  return normalise(out);
}

function ours(selector: string, labelMaps: readonly Record<string, string>[]): Verdict {
  const parsed = parseSelector(selector);
  const validateOk = validateSelector(selector) === undefined;
  if (!parsed.ok) return { ok: false, validateOk, matches: [] };
  const sel = parsed.value;
  return {
    ok: true,
    validateOk,
    canonical: sel.toString(),
    uniqueId: sel.uniqueId(),
    restrictions: restrictionsOf(sel),
    matches: labelMaps.map((labels) => sel.matchesRecord(labels)),
  };
}

async function theirs(selector: string, labelMaps: readonly Record<string, string>[]): Promise<Verdict> {
  const parsed = await oracle().parse(selector);
  const validateOk = parsed.validateDisagrees === undefined ? parsed.ok : !parsed.ok;
  if (!parsed.ok) return { ok: false, validateOk, matches: [] };
  const matches = await Promise.all(labelMaps.map((labels) => oracle().evaluate(selector, labels)));
  return {
    ok: true,
    validateOk,
    ...(parsed.canonical !== undefined && { canonical: parsed.canonical }),
    ...(parsed.uniqueId !== undefined && { uniqueId: parsed.uniqueId }),
    restrictions: normalise(parsed.labelRestrictions ?? {}),
    matches: matches.map((m) => m.match === true),
  };
}

describe("selector engine vs Calico (differential)", () => {
  it("agrees with Calico on validity, canonical form, unique id, label restrictions and matches", async () => {
    let valid = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(selectorText, fc.array(labelMap, { minLength: 1, maxLength: 3 }), async (selector, maps) => {
        const expected = await theirs(selector, maps);
        total++;
        if (expected.ok) valid++;
        expect(ours(selector, maps)).toEqual(expected);
      }),
      differentialParameters("selector differential", 3000),
    );
    console.log(`selector differential: ${total} cases, ${valid} valid selectors`);
    // The generator must exercise both sides of the grammar.
    expect(valid).toBeGreaterThan(total / 4);
    expect(total - valid).toBeGreaterThan(total / 10);
  });

  it("agrees with Calico on the canonical form of canonical forms (String() is a fixed point)", async () => {
    await fc.assert(
      fc.asyncProperty(selectorText, async (selector) => {
        const first = await oracle().parse(selector);
        if (!first.ok || first.canonical === undefined) return;
        const again = await oracle().parse(first.canonical);
        const mine = parseSelector(first.canonical);
        expect(mine.ok && mine.value.toString()).toEqual(again.canonical);
      }),
      differentialParameters("selector canonical round trip", 1000),
    );
  });
});

describe("selector-regressions.ts says what Calico says", () => {
  it("gives each regression row Calico's verdict", async () => {
    const answers = await Promise.all(SELECTOR_REGRESSION_ROWS.map((row) => oracle().parse(row.selector)));
    const got = SELECTOR_REGRESSION_ROWS.map((row, i) => ({ name: row.name, calicoValid: answers[i]?.ok }));
    expect(got).toEqual(SELECTOR_REGRESSION_ROWS.map((row) => ({ name: row.name, calicoValid: row.calicoValid })));
  });
});
