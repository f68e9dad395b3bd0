import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SERVER_BUNDLE_OPTIONS } from "@palisade/bff";
import { build } from "esbuild";
import { REPO_ROOT } from "../processes";

/**
 * Bundles the BFF benchmark child as scripts/build-server.ts bundles the BFF for the container image (one ESM file,
 * dependencies included), so start-up and memory are those of the deployed server, not of tsx compiling on the fly.
 * Returns the bundle's path.
 */
export async function bundleServerChild(): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), "palisade-bench-bff-")), "bff-server.mjs");
  await build({
    entryPoints: [join(REPO_ROOT, "bench/bff/server.child.ts")],
    outfile,
    ...SERVER_BUNDLE_OPTIONS,
  });
  return outfile;
}
