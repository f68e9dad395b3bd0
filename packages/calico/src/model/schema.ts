/**
 * Small builders over TypeBox for the shapes Kubernetes structural schemas need and TypeBox does not emit directly
 * (string enums as `enum`, string maps as `additionalProperties`, int-or-string). Every model file builds on these so
 * the emitted JSON Schema is exactly the CRD's openAPIV3Schema (checked by crd.test.ts).
 */
import { type TUnsafe, Type } from "typebox";

/** A CEL rule as the CRDs carry it under `x-kubernetes-validations`. */
export interface CelRule {
  readonly rule: string;
  readonly message: string;
  readonly reason?: "FieldValueInvalid" | "FieldValueForbidden" | "FieldValueRequired" | "FieldValueDuplicate";
}

/** A string restricted to `values`, emitted as `{type: string, enum}` like controller-gen does. */
export function stringEnum<const T extends readonly string[]>(
  values: T,
  options: Record<string, unknown> = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...options });
}

/** `map[string]string`: `{type: object, additionalProperties: {type: string}}`. */
export function stringMap(options: Record<string, unknown> = {}): TUnsafe<Record<string, string>> {
  return Type.Unsafe<Record<string, string>>({ type: "object", additionalProperties: { type: "string" }, ...options });
}

/** Kubernetes int-or-string (`x-kubernetes-int-or-string`), as numorstring types render in the CRDs. */
export function intOrString(options: Record<string, unknown> = {}): TUnsafe<number | string> {
  return Type.Unsafe<number | string>({
    anyOf: [{ type: "integer" }, { type: "string" }],
    "x-kubernetes-int-or-string": true,
    ...options,
  });
}

/** A list of strings that Kubernetes treats as a set (`x-kubernetes-list-type: set`). */
export function stringSet(options: Record<string, unknown> = {}) {
  return Type.Array(Type.String(), { "x-kubernetes-list-type": "set", ...options });
}
