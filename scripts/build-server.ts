/**
 * Bundles the BFF and its dependencies into apps/bff/dist/palisade.mjs for the container image, so the runtime
 * needs neither pnpm, tsx nor node_modules. The bundle keeps the repo's relative layout: it finds the SPA at
 * ../../web/dist, as the sources do.
 */
import { build } from "esbuild";

await build({
  entryPoints: ["apps/bff/src/cli.ts"],
  outfile: "apps/bff/dist/palisade.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  sourcemap: true,
  legalComments: "linked",
  logLevel: "warning",
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
