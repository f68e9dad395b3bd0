/**
 * Validation results as values: every problem names the field it is about with a path such as
 * `spec.ingress[0].destination.ports[1]` and says what to do about it.
 */

export interface FieldError {
  /** Dotted field path with `[i]` list indexes; "" for the object itself. */
  readonly path: string;
  readonly message: string;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly FieldError[];
  /** Accepted by Calico but probably not what was meant; never affects `valid`. */
  readonly warnings: readonly FieldError[];
}

/** `parent.key`, or `key` at the root. Keys that are not identifiers are quoted: `labels["a/b"]`. */
export function childPath(parent: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** Collects errors while the validators walk an object. */
export class Issues {
  readonly errors: FieldError[] = [];

  add(path: string, message: string): void {
    if (!this.errors.some((e) => e.path === path && e.message === message)) this.errors.push({ path, message });
  }

  result(warnings: Issues = new Issues()): ValidationResult {
    return { valid: this.errors.length === 0, errors: [...this.errors], warnings: [...warnings.errors] };
  }
}

/** Reads a property of an unknown value without trusting its shape. */
export function field(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return (value as Record<string, unknown>)[key];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The list at `value`, or an empty list when it is absent or not a list (the schema check reports that). */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}
