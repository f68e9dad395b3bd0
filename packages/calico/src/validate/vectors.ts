/**
 * Runs vectors in the format of shared/calico/validation-vectors.json (upstream's validator test tables as data):
 * each object is validated as its fragment or as a whole resource and compared with the expected validity.
 */

import { isFragment, validateFragment } from "./fragment";
import type { FieldError } from "./issues";
import { isRecord } from "./issues";
import { validateResource } from "./resource";

export interface ValidationVector {
  readonly fragment: string;
  readonly description: string;
  readonly object: unknown;
  readonly valid: boolean;
}

export interface ValidationVectorOutcome {
  readonly index: number;
  readonly vector: ValidationVector;
  readonly errors: readonly FieldError[];
  /** Why the outcome differs from the expectation; undefined when it matches. */
  readonly failure?: string;
}

function asVector(value: unknown): ValidationVector | undefined {
  if (!isRecord(value) || typeof value.fragment !== "string" || typeof value.valid !== "boolean") return undefined;
  return {
    fragment: value.fragment,
    description: String(value.description ?? ""),
    object: value.object,
    valid: value.valid,
  };
}

/** Checks every vector of a parsed vector file; a malformed entry is reported as a failure, not thrown. */
export function checkValidationVectors(file: unknown): ValidationVectorOutcome[] {
  const vectors = isRecord(file) && Array.isArray(file.vectors) ? file.vectors : [];
  return vectors.map((raw, index) => {
    const vector = asVector(raw);
    if (vector === undefined) {
      return {
        index,
        vector: { fragment: "?", description: "malformed vector", object: raw, valid: false },
        errors: [],
        failure: "malformed vector entry",
      };
    }
    const result = isFragment(vector.fragment)
      ? validateFragment(vector.fragment, vector.object)
      : validateResource(vector.object);
    if (result.valid === vector.valid) return { index, vector, errors: result.errors };
    const failure = vector.valid
      ? `expected valid, got ${result.errors.map((e) => `${e.path || "(object)"}: ${e.message}`).join("; ")}`
      : "expected invalid, got valid";
    return { index, vector, errors: result.errors, failure };
  });
}
