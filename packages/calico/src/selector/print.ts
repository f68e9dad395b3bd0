/**
 * Canonical printing, byte for byte as upstream's `Selector.String()` (`collectFragments` in
 * libcalico-go/lib/selector/parser/ast.go; docs/calico-semantics.md section 1): every `&&`/`||` group in parentheses,
 * `!` printed bare, values double-quoted unless they contain `"`.
 */
import type { SelectorNode } from "./ast";

/** The quote a value is printed in unless the value contains it: Calico's `String()` uses `"`. */
export type PreferredQuote = '"' | "'";

export function printSelector(node: SelectorNode, preferred: PreferredQuote = '"'): string {
  const out: string[] = [];
  collect(node, out, preferred === '"' ? quoteDouble : quoteSingle);
  return out.join("");
}

const OPERATOR_TEXT = {
  eq: " == ",
  ne: " != ",
  contains: " contains ",
  startsWith: " starts with ",
  endsWith: " ends with ",
} as const;

const quoteDouble = (s: string) => (s.includes('"') ? `'${s}'` : `"${s}"`);
const quoteSingle = (s: string) => (s.includes("'") ? `"${s}"` : `'${s}'`);

function collect(node: SelectorNode, out: string[], quote: (s: string) => string): void {
  switch (node.kind) {
    case "eq":
    case "ne":
    case "contains":
    case "startsWith":
    case "endsWith":
      out.push(node.label, OPERATOR_TEXT[node.kind], quote(node.value));
      return;
    case "in":
    case "notIn":
      out.push(node.label, node.kind === "in" ? " in {" : " not in {", node.values.map(quote).join(", "), "}");
      return;
    case "has":
      out.push("has(", node.label, ")");
      return;
    case "not":
      out.push("!");
      collect(node.operand, out, quote);
      return;
    case "and":
    case "or":
      out.push("(");
      node.operands.forEach((op, i) => {
        if (i > 0) out.push(node.kind === "and" ? " && " : " || ");
        collect(op, out, quote);
      });
      out.push(")");
      return;
    case "all":
      out.push("all()");
      return;
    case "global":
      out.push("global()");
      return;
  }
}
