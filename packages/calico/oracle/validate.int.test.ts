/**
 * Differential test: packages/calico's v3 validator against Calico's own (the oracle, with the v3.32.1 CRD layer)
 * on generated GlobalNetworkPolicy, NetworkPolicy and HostEndpoint objects and single rules, valid and subtly
 * invalid. Verdicts must agree. The oracle's verdict is first adjusted from the v3.31.0 it links to v3.32.1
 * (version-delta.ts); errors that belong to a disagreement already reported (validator-regressions.ts, `open`) are
 * set aside on both sides, so only new disagreements fail, and the run says how often the open ones showed up.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { type ValidationResult, validateFragmentWith, validateResourceWith, validateSelector } from "../src/index";
import type { JsonValue, ValidateAnswer } from "./client";
import { differentialParameters } from "./fast-check-run";
import { resource, ruleFragment } from "./resource-arbitrary";
import { useOracle } from "./use-oracle";
import {
  OPEN_DISAGREEMENTS,
  type OpenDisagreement,
  type OpenDisagreementId,
  REGRESSION_ROWS,
} from "./validator-regressions";
import { toV3321 } from "./version-delta";

const options = { checkSelector: (s: string) => validateSelector(s)?.message };

const oracle = useOracle();

const OPEN = Object.entries(OPEN_DISAGREEMENTS) as [OpenDisagreementId, OpenDisagreement][];

interface Comparison {
  readonly agree: boolean;
  /** Open disagreements whose errors were set aside to reach agreement. */
  readonly open: readonly OpenDisagreementId[];
  readonly report: unknown;
}

function compare(object: JsonValue, ours: ValidationResult, raw: ValidateAnswer): Comparison {
  const theirs = toV3321(object, raw);
  const oursErrors = ours.errors.map((e) => `${e.path}: ${e.message}`);
  const theirErrors = theirs.errors.map((e) => e.message);
  const report = {
    object,
    ours: { valid: ours.valid, errors: oursErrors },
    calico: { valid: theirs.valid, errors: theirErrors },
  };
  if (ours.valid === theirs.valid) return { agree: true, open: [], report };
  const used = new Set<OpenDisagreementId>();
  const keep = (errors: readonly string[], side: "oursOnly" | "calicoOnly") =>
    errors.filter((e) => {
      const hit = OPEN.find(([, d]) => d[side]?.test(e) === true);
      if (hit !== undefined) used.add(hit[0]);
      return hit === undefined;
    });
  const oursLeft = keep(oursErrors, "oursOnly");
  const theirsLeft = keep(theirErrors, "calicoOnly");
  return { agree: (oursLeft.length === 0) === (theirsLeft.length === 0), open: [...used], report };
}

describe("v3 validator vs Calico (differential)", () => {
  const seen = new Map<OpenDisagreementId, number>();
  const note = (c: Comparison) => {
    for (const id of c.open) seen.set(id, (seen.get(id) ?? 0) + 1);
  };

  afterAll(() => {
    if (seen.size > 0) console.log("open disagreements met (validator-regressions.ts):", Object.fromEntries(seen));
  });

  it("agrees with Calico on whole objects of every validated kind", async () => {
    const counts = { total: 0, valid: 0 };
    await fc.assert(
      fc.asyncProperty(resource, async (object) => {
        const raw = await oracle().validate(object);
        counts.total++;
        if (toV3321(object, raw).valid) counts.valid++;
        const c = compare(object, validateResourceWith(object, options), raw);
        note(c);
        if (!c.agree) expect(c.report).toEqual({ disagreement: "ours and Calico differ" });
      }),
      differentialParameters("validator differential (resources)", 2000),
    );
    console.log(`validator differential (resources): ${counts.total} cases, ${counts.valid} valid per Calico`);
    expect(counts.valid).toBeGreaterThan(counts.total / 10);
    expect(counts.total - counts.valid).toBeGreaterThan(counts.total / 10);
  });

  it("agrees with Calico on single rules, checked as inside a policy", async () => {
    let total = 0;
    await fc.assert(
      fc.asyncProperty(ruleFragment, async (rule) => {
        const raw = await oracle().validateFragment("Rule", rule, { crd: true });
        total++;
        const c = compare(rule, validateFragmentWith("Rule", rule, options), raw);
        note(c);
        if (!c.agree) expect(c.report).toEqual({ disagreement: "ours and Calico differ" });
      }),
      differentialParameters("validator differential (rules)", 1000),
    );
    console.log(`validator differential (rules): ${total} cases`);
  });
});

describe("validator-regressions.ts says what Calico says", () => {
  it("gives each regression row Calico's verdict", async () => {
    const answers = await Promise.all(
      REGRESSION_ROWS.map((row) =>
        row.fragment === undefined
          ? oracle().validate(row.object as JsonValue)
          : oracle().validateFragment(row.fragment, row.object as JsonValue, { crd: true }),
      ),
    );
    const got = REGRESSION_ROWS.map((row, i) => ({ name: row.name, calico: answers[i]?.valid }));
    expect(got).toEqual(REGRESSION_ROWS.map((row) => ({ name: row.name, calico: row.calico })));
  });
});
