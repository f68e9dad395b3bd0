import { describe, expect, it } from "vitest";
import { SharedValues } from "./shared-values";

describe("SharedValues", () => {
  it("gives every holder of an equal value the first instance, until the last holder releases it", () => {
    const values = new SharedValues<string[]>();
    const first = ["a"];
    expect(values.acquire("a", first)).toBe(first);
    expect(values.acquire("a", ["a"])).toBe(first);
    values.release("a");
    expect(values.acquire("a", ["a"])).toBe(first);
    values.release("a");
    values.release("a");
    const next = ["a"];
    expect(values.acquire("a", next)).toBe(next);
  });

  it("keeps values of different keys apart and ignores releasing a key nobody holds", () => {
    const values = new SharedValues<string[]>();
    values.release("b");
    const a = ["a"];
    const b = ["b"];
    expect(values.acquire("a", a)).toBe(a);
    expect(values.acquire("b", b)).toBe(b);
  });
});
