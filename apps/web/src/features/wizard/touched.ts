import type { Errors } from "./params";

/** The fields whose values differ between two versions of a form (lists compared item by item). */
export function changedFields<F extends object>(prev: F, next: F): (keyof F)[] {
  return (Object.keys(next) as (keyof F)[]).filter((k) => !sameValue(prev[k], next[k]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/**
 * The errors to show beside the fields: only those of fields the user has changed. A fresh form is not wrong, only
 * unfinished; what it still needs is listed where the policy will appear (`stillNeeded`).
 */
export function visibleErrors<F>(errors: Errors<F>, touched: ReadonlySet<keyof F>): Errors<F> {
  const shown: Errors<F> = {};
  for (const k of Object.keys(errors) as (keyof F)[]) if (touched.has(k)) shown[k] = errors[k];
  return shown;
}

/** Every error's message, in the order the form shows its fields: what it needs before it can generate a policy. */
export function stillNeeded<F>(errors: Errors<F>, fieldOrder: readonly (keyof F)[]): string[] {
  return fieldOrder.flatMap((k) => {
    const message = errors[k];
    return message === undefined ? [] : [message];
  });
}
