/**
 * Compiles a selector tree to closures over a label accessor, so evaluation walks no tree and allocates nothing.
 * Missing-label semantics per node (libcalico-go/lib/selector/parser/ast.go `Evaluate`; docs/calico-semantics.md
 * section 1): `==`, `in`, `contains`, `starts with`, `ends with`, `has` are false on an absent label; `!=` and
 * `not in` are true.
 */
import type { SelectorNode } from "./ast";

/** Anything that answers "what is this label's value?": a `Map`, or a view over inherited labels. */
export interface Labels {
  get(name: string): string | undefined;
}

export type Matcher = (labels: Labels) => boolean;

const TRUE: Matcher = () => true;

export function compileSelector(node: SelectorNode): Matcher {
  switch (node.kind) {
    case "eq": {
      const { label, value } = node;
      return (l) => l.get(label) === value;
    }
    case "ne": {
      const { label, value } = node;
      return (l) => l.get(label) !== value;
    }
    case "contains": {
      const { label, value } = node;
      return (l) => l.get(label)?.includes(value) === true;
    }
    case "startsWith": {
      const { label, value } = node;
      return (l) => l.get(label)?.startsWith(value) === true;
    }
    case "endsWith": {
      const { label, value } = node;
      return (l) => l.get(label)?.endsWith(value) === true;
    }
    case "in":
    case "notIn": {
      const { label } = node;
      const set = new Set(node.values);
      if (node.kind === "in") {
        return (l) => {
          const v = l.get(label);
          return v !== undefined && set.has(v);
        };
      }
      return (l) => {
        const v = l.get(label);
        return v === undefined || !set.has(v);
      };
    }
    case "has": {
      const { label } = node;
      return (l) => l.get(label) !== undefined;
    }
    case "not": {
      const inner = compileSelector(node.operand);
      return (l) => !inner(l);
    }
    case "and":
      return compileJunction(node.operands.map(compileSelector), true);
    case "or":
      return compileJunction(node.operands.map(compileSelector), false);
    case "all":
    case "global":
      return TRUE;
  }
}

/** `&&` stops at the first false operand, `||` at the first true one; two-operand groups get a loop-free closure. */
function compileJunction(ms: Matcher[], isAnd: boolean): Matcher {
  const [a, b] = ms;
  if (ms.length === 2 && a !== undefined && b !== undefined) {
    return isAnd ? (l) => a(l) && b(l) : (l) => a(l) || b(l);
  }
  const n = ms.length;
  return (l) => {
    for (let i = 0; i < n; i++) {
      if ((ms[i] as Matcher)(l) !== isAnd) return !isAnd;
    }
    return isAnd;
  };
}
