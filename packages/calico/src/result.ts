/**
 * Expected failures are values, bugs are exceptions (docs/house-style.md "A domain function"). Every fallible
 * domain function in this package returns a `Result`.
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
