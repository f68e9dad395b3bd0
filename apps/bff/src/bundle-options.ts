import type { BuildOptions } from "esbuild";

/**
 * How the server is bundled, for the container image (`scripts/build-server.ts`) and for the benchmarks (which
 * measure that server): one ESM file with its dependencies. Whitespace and ordinary comments are dropped and legal
 * comments moved out, which leaves the bundle pure ASCII (esbuild escapes the rest): V8 keeps a source with any
 * non-ASCII character as two-byte text, about 10 MB more resident memory for this bundle (docs/performance.md).
 */
export const SERVER_BUNDLE_OPTIONS = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  minifyWhitespace: true,
  legalComments: "external",
  logLevel: "warning",
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
} as const satisfies BuildOptions;

/**
 * The production bundle's source map: file and line for stack traces (`node --enable-source-maps`), without the
 * sources themselves, which the image must not ship.
 */
export const SERVER_SOURCE_MAP = { sourcemap: "linked", sourcesContent: false } as const satisfies BuildOptions;
