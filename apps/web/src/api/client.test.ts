import { describe, expect, it } from "vitest";
import { ApiError, isNotFound, isTransient } from "./client";

describe("isTransient and isNotFound", () => {
  it.each([
    [0, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [403, false],
    [404, false],
    [409, false],
    [422, false],
  ])("status %i: retry %s", (status, transient) => {
    expect(isTransient(new ApiError(status, "X", "x"))).toBe(transient);
  });

  it("retries what did not come from the server's answer", () => {
    expect(isTransient(new TypeError("failed to fetch"))).toBe(true);
  });

  it("knows a 404 answer from other failures", () => {
    expect(isNotFound(new ApiError(404, "NotFound", "gone"))).toBe(true);
    expect(isNotFound(new ApiError(403, "Forbidden", "no"))).toBe(false);
    expect(isNotFound(new Error("404"))).toBe(false);
  });
});
