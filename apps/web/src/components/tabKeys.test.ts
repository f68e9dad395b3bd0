import { describe, expect, it } from "vitest";
import { tabAfterKey } from "./tabKeys";

describe("tabAfterKey", () => {
  it.each([
    [0, "ArrowRight", 1],
    [2, "ArrowRight", 0],
    [0, "ArrowLeft", 2],
    [1, "ArrowLeft", 0],
    [1, "Home", 0],
    [0, "End", 2],
  ])("from %i, %s goes to %i of three", (from, key, to) => {
    expect(tabAfterKey(from, key, 3)).toBe(to);
  });

  it("ignores other keys and empty lists", () => {
    expect(tabAfterKey(0, "ArrowDown", 3)).toBeUndefined();
    expect(tabAfterKey(0, "Enter", 3)).toBeUndefined();
    expect(tabAfterKey(0, "ArrowRight", 0)).toBeUndefined();
  });
});
