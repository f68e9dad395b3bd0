/**
 * The selector syntax tree, one node type per upstream AST node (libcalico-go/lib/selector/parser/ast.go;
 * docs/calico-semantics.md section 1).
 */
export type SelectorNode =
  | {
      readonly kind: "eq" | "ne" | "contains" | "startsWith" | "endsWith";
      readonly label: string;
      readonly value: string;
    }
  /** Values are sorted byte-wise and de-duplicated at parse time (`ConvertToStringSetInPlace`). */
  | { readonly kind: "in" | "notIn"; readonly label: string; readonly values: readonly string[] }
  | { readonly kind: "has"; readonly label: string }
  | { readonly kind: "not"; readonly operand: SelectorNode }
  | { readonly kind: "and" | "or"; readonly operands: readonly SelectorNode[] }
  | { readonly kind: "all" }
  | { readonly kind: "global" };

/** Go's `<` on strings: byte-wise UTF-8 order, which is code point order (JS `<` compares UTF-16 units). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF, which sort after every BMP character.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/** `ConvertToStringSetInPlace` without the in-place part: sorted, without duplicates. */
export function toStringSet(values: readonly string[]): string[] {
  const sorted = [...values].sort(compareGoStrings);
  return sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
}

/** A copy of `node` with `prefix` in front of every label name (upstream `PrefixVisitor`). */
export function prefixLabels(node: SelectorNode, prefix: string): SelectorNode {
  switch (node.kind) {
    case "eq":
    case "ne":
    case "contains":
    case "startsWith":
    case "endsWith":
      return { kind: node.kind, label: prefix + node.label, value: node.value };
    case "in":
    case "notIn":
      return { kind: node.kind, label: prefix + node.label, values: node.values };
    case "has":
      return { kind: "has", label: prefix + node.label };
    case "not":
      return { kind: "not", operand: prefixLabels(node.operand, prefix) };
    case "and":
    case "or":
      return { kind: node.kind, operands: node.operands.map((o) => prefixLabels(o, prefix)) };
    case "all":
    case "global":
      return node;
  }
}
