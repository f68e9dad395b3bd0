/** What every generator returns: the objects, the validator's verdict on them, and warnings for the user. */
import type { CalicoPolicy } from "../model/resources";
import type { FieldError } from "../validate/issues";
import { validateResource } from "../validate/resource";

export interface Generated<P extends CalicoPolicy = CalicoPolicy> {
  readonly policy: P;
  /** What `validateResource` finds in the generated policy: empty for sound parameters. */
  readonly errors: readonly FieldError[];
  /** Consequences the user should know before applying: the validator's warnings, then the generator's own. */
  readonly warnings: readonly FieldError[];
}

export function generated<P extends CalicoPolicy>(policy: P, warnings: readonly FieldError[]): Generated<P> {
  const result = validateResource(policy);
  return { policy, errors: result.errors, warnings: [...result.warnings, ...warnings] };
}
