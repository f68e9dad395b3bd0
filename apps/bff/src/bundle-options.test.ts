import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { SERVER_BUNDLE_OPTIONS, SERVER_SOURCE_MAP } from "./bundle-options";

describe("the production server bundle", () => {
  it("has a source map with file names and lines but none of the sources", async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL("./cli.ts", import.meta.url))],
      outfile: "/palisade-bundle-test/palisade.mjs",
      ...SERVER_BUNDLE_OPTIONS,
      ...SERVER_SOURCE_MAP,
      write: false,
      logLevel: "silent",
    });
    const map = result.outputFiles.find((f) => f.path.endsWith(".map"));
    const parsed = JSON.parse(map?.text ?? "{}") as { sources?: string[]; sourcesContent?: unknown };
    expect(parsed.sources?.some((s) => s.endsWith("apps/bff/src/app.ts"))).toBe(true);
    expect(parsed.sourcesContent).toBeUndefined();
    const code = result.outputFiles.find((f) => f.path.endsWith(".mjs"))?.text ?? "";
    expect(code).toMatch(/\/\/# sourceMappingURL=palisade\.mjs\.map\s*$/);
  }, 60_000);
});
