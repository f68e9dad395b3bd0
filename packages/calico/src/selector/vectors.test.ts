import { describe, expect, it } from "vitest";
// shared/ sits beside the repository (../shared from its root); tests read it in place, never copied.
import file from "../../../../../shared/calico/selector-vectors.json" with { type: "json" };
import { checkSelectorVectors } from "./vectors";

const outcomes = checkSelectorVectors(file);

describe("upstream selector vectors (shared/calico/selector-vectors.json)", () => {
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
