import { describe, expect, it } from "vitest";
import { isStaleChunkError } from "./staleChunk";

describe("isStaleChunkError", () => {
  it.each([
    "Failed to fetch dynamically imported module: http://127.0.0.1:7474/assets/GraphPage-Old1.js",
    "error loading dynamically imported module: http://127.0.0.1:7474/assets/GraphPage-Old1.js",
    "Importing a module script failed.",
    "Unable to preload CSS for /assets/GraphPage-Old1.css",
  ])("knows a failed view import: %s", (message) => {
    expect(isStaleChunkError(new TypeError(message))).toBe(true);
  });

  it("leaves other failures to the general message", () => {
    expect(isStaleChunkError(new TypeError("Cannot read properties of undefined (reading 'name')"))).toBe(false);
    expect(isStaleChunkError("Failed to fetch dynamically imported module")).toBe(false);
    expect(isStaleChunkError(undefined)).toBe(false);
  });
});
