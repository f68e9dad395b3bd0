import { describe, expect, it } from "vitest";
import { clampWidth, gridColumns, MAX_WIDTH, MIN_WIDTH } from "./columns";

describe("gridColumns", () => {
  it("gives every column its default track, and a resized one its width in pixels", () => {
    const tracks = gridColumns({}).split(" minmax");
    expect(tracks).toHaveLength(4);
    const resized = gridColumns({ Selector: 420 });
    expect(resized).toContain(" 420px ");
    expect(resized).not.toContain("minmax(120px, 1.5fr)");
    expect(resized).toContain("minmax(150px, 1.6fr)");
  });
});

describe("clampWidth", () => {
  it("keeps a width between the bounds, in whole pixels", () => {
    expect(clampWidth(10)).toBe(MIN_WIDTH);
    expect(clampWidth(5000)).toBe(MAX_WIDTH);
    expect(clampWidth(300.4)).toBe(300);
  });
});
