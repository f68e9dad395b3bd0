/**
 * `pnpm conformance <suite> <path>`: checks this project's Calico engine against a vector file or a folder of
 * manifests, prints one line per failure and a last line `N passed, N failed`, and exits non-zero on any failure.
 * Each suite is one entry in SUITES (issue 3, "A command-line entry").
 */
import { manifests } from "./conformance/manifests";
import { selectors } from "./conformance/selectors";
import type { Suite, SuiteResult } from "./conformance/suite";
import { validation } from "./conformance/validation";

const SUITES: Readonly<Record<string, Suite>> = {
  selectors,
  validation,
  manifests,
};

function main(argv: readonly string[]): number {
  const [name, path] = argv;
  const suite = name === undefined ? undefined : SUITES[name];
  if (suite === undefined || path === undefined) {
    console.error(`usage: pnpm conformance <${Object.keys(SUITES).join("|")}> <path>`);
    return 2;
  }
  let result: SuiteResult;
  try {
    result = suite(path);
  } catch (e) {
    console.error(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  for (const line of result.lines) console.log(line);
  console.log(`${result.passed} passed, ${result.failed} failed`);
  return result.failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
