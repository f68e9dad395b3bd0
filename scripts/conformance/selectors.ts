/** `pnpm conformance selectors <file>`: a vector file in the format of shared/calico/selector-vectors.json. */
import { readFileSync } from "node:fs";
import { checkSelectorVectors } from "@palisade/calico";
import type { SuiteResult } from "./suite";

export function selectors(path: string): SuiteResult {
  const outcomes = checkSelectorVectors(JSON.parse(readFileSync(path, "utf8")));
  const failures = outcomes
    .filter((o) => o.failure !== undefined)
    .map((o) => `FAIL ${o.list}[${o.index}] ${JSON.stringify(o.selector)}: ${o.failure}`);
  return { passed: outcomes.length - failures.length, failed: failures.length, lines: failures };
}
