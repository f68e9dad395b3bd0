/** `pnpm conformance validation <file>`: a vector file in the format of shared/calico/validation-vectors.json. */
import { readFileSync } from "node:fs";
import { checkValidationVectors } from "@palisade/calico";
import type { SuiteResult } from "./suite";

export function validation(path: string): SuiteResult {
  const outcomes = checkValidationVectors(JSON.parse(readFileSync(path, "utf8")));
  const lines = outcomes
    .filter((o) => o.failure !== undefined)
    .map((o) => `FAIL [${o.index}] ${o.vector.fragment} ${JSON.stringify(o.vector.description)}: ${o.failure}`);
  return { passed: outcomes.length - lines.length, failed: lines.length, lines };
}
