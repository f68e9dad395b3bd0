/**
 * Bundles the BFF and its dependencies into apps/bff/dist/palisade.mjs for the container image, so the runtime
 * needs neither pnpm, tsx nor node_modules. The bundle keeps the repo's relative layout: it finds the SPA at
 * ../../web/dist, as the sources do.
 */

import { SERVER_BUNDLE_OPTIONS, SERVER_SOURCE_MAP } from "@palisade/bff";
import { build } from "esbuild";

await build({
  entryPoints: ["apps/bff/src/cli.ts"],
  outfile: "apps/bff/dist/palisade.mjs",
  ...SERVER_BUNDLE_OPTIONS,
  ...SERVER_SOURCE_MAP,
});
