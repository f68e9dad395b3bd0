import { describeWithShared } from "@palisade/reference/vitest";
import { describe, expect, it } from "vitest";
import { checkValidationVectors } from "./vectors";

describeWithShared("validation vectors (upstream validator_test.go tables)", (shared) => {
  const outcomes = checkValidationVectors(shared.readJson("calico/validation-vectors.json"));

  it("has vectors to check", () => {
    expect(outcomes.length).toBeGreaterThan(100);
  });

  it.each(outcomes.map((o) => [`${o.index} ${o.vector.fragment}: ${o.vector.description}`, o] as const))(
    "%s",
    (_, outcome) => {
      expect(outcome.failure).toBeUndefined();
    },
  );
});

describe("checkValidationVectors", () => {
  it("reports a wrong expectation as a failure", () => {
    const [flipped] = checkValidationVectors({
      vectors: [{ fragment: "Protocol", description: "tcp", object: "tcp", valid: true }],
    });
    expect(flipped?.failure).toMatch(/^expected valid, got .*case-sensitive/);
  });
});
