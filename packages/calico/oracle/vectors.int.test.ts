/**
 * The oracle first proves itself: it must reproduce every upstream vector in shared/calico (selector matches, parse
 * errors, canonical strings and unique ids, validator verdicts, the latter with the v3.32.1 CRD layer on), except
 * exactly the rows listed as v3.31.0 → v3.32.1 deltas, which it must reproduce once adjusted by version-delta.ts.
 */
import { describeWithShared } from "@palisade/reference/vitest";
import { expect, it } from "vitest";
import type { OracleLabelRestriction, ValidateAnswer } from "./client";
import { isOracleFragment, selectorVectors, type ValidationVector, validationVectors } from "./shared-vectors";
import { useOracle } from "./use-oracle";
import { toV3321 } from "./version-delta";

/** Upstream rows whose v3.32.1 expectation differs from v3.31.0's behaviour (origin → why). */
const V3_31_DELTAS: ReadonlyMap<string, string> = new Map([
  [
    'libcalico-go/lib/validator/v3/validator_test.go#L1415 (DescribeTable "Validator")',
    "named destination ports without protocol: rejected by v3.31.0, accepted by v3.32.1",
  ],
  [
    'libcalico-go/lib/validator/v3/validator_test.go#L1422 (DescribeTable "Validator")',
    "named source notPorts without protocol: rejected by v3.31.0, accepted by v3.32.1",
  ],
]);

const oracle = useOracle();

it("runs with the v3.32.1 CRD layer for every validated kind", () => {
  expect(oracle().crdKinds).toBe(9);
});

describeWithShared("calico oracle reproduces shared/calico/selector-vectors.json", (shared) => {
  const vectors = selectorVectors(shared);

  it("evaluates every match vector as upstream expects", async () => {
    const answers = await Promise.all(vectors.match.map((v) => oracle().evaluate(v.selector, v.labels)));
    const wrong = vectors.match.filter((v, i) => answers[i]?.ok !== true || answers[i]?.match !== v.match);
    expect(wrong).toEqual([]);
  });

  it("rejects every parse-error vector, with Parse and Validate agreeing", async () => {
    const answers = await Promise.all(vectors.parseErrors.map((v) => oracle().parse(v.selector)));
    const wrong = vectors.parseErrors.filter((_, i) => answers[i]?.ok !== false || answers[i]?.validateDisagrees);
    expect(wrong).toEqual([]);
  });

  it("gives every canonical string and unique id", async () => {
    const answers = await Promise.all(vectors.canonical.map((v) => oracle().parse(v.selector)));
    const got = answers.map((a) => ({ canonical: a.canonical, uniqueId: a.uniqueId }));
    const want = vectors.canonical.map((v, i) => ({
      canonical: v.canonical,
      uniqueId: v.uniqueId ?? answers[i]?.uniqueId,
    }));
    expect(got).toEqual(want);
  });
});

describeWithShared(
  "calico oracle reproduces the label restrictions in shared/calico/selector-vectors.json",
  (shared) => {
    it("gives every vector's restrictions (value lists compared as sets)", async () => {
      const { labelRestrictions } = selectorVectors(shared);
      const sortValues = (r: Readonly<Record<string, OracleLabelRestriction>> | null | undefined) =>
        Object.fromEntries(
          Object.entries(r ?? {}).map(([k, x]) => [
            k,
            { ...x, mustHaveOneOfValues: x.mustHaveOneOfValues === null ? null : [...x.mustHaveOneOfValues].sort() },
          ]),
        );
      const answers = await Promise.all(labelRestrictions.map((v) => oracle().parse(v.selector)));
      expect(answers.map((a) => sortValues(a.labelRestrictions))).toEqual(
        labelRestrictions.map((v) => sortValues(v.labelRestrictions)),
      );
    });
  },
);

describeWithShared("calico oracle reproduces shared/calico/validation-vectors.json", (shared) => {
  const vectors = validationVectors(shared);

  function ask(v: ValidationVector): Promise<ValidateAnswer> {
    if (v.fragment === v.kind) return oracle().validate(v.object);
    if (!isOracleFragment(v.fragment)) throw new Error(`no oracle fragment for ${v.fragment} (${v.origin})`);
    return oracle().validateFragment(v.fragment, v.object);
  }

  it("gives upstream's verdict for every vector, and differs from v3.32.1 exactly on the known deltas", async () => {
    const answers = await Promise.all(vectors.map(ask));
    const raw = vectors.filter((v, i) => answers[i]?.valid !== v.valid).map((v) => v.origin);
    expect(raw.sort()).toEqual([...V3_31_DELTAS.keys()].sort());

    const adjusted = vectors.filter((v, i) => {
      const answer = answers[i];
      return answer === undefined || toV3321(v.object, answer).valid !== v.valid;
    });
    expect(adjusted.map((v) => `${v.origin}: ${v.description}`)).toEqual([]);
  });

  it("reports the failing field for each invalid verdict", async () => {
    const invalid = vectors.filter((v) => !v.valid);
    const answers = await Promise.all(invalid.map(ask));
    const silent = invalid.filter((_, i) => (answers[i]?.errors.length ?? 0) === 0).map((v) => v.origin);
    expect(silent).toEqual([]);
  });
});
