import { describeWithShared } from "@palisade/reference/vitest";
import { expect, it } from "vitest";
import { checkSelectorVectors } from "./vectors";

describeWithShared("upstream selector vectors (shared/calico/selector-vectors.json)", (shared) => {
  const outcomes = checkSelectorVectors(shared.readJson("calico/selector-vectors.json"));

  it("covers every list", () => {
    expect(new Set(outcomes.map((o) => o.list))).toEqual(
      new Set(["match", "parseErrors", "canonical", "tokens", "labelRestrictions"]),
    );
  });
  for (const o of outcomes) {
    it(`${o.list}[${o.index}] ${JSON.stringify(o.selector).slice(0, 80)}`, () => {
      expect(o.failure).toBeUndefined();
    });
  }
});
