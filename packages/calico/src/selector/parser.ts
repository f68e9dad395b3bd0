/**
 * Calico's selector parser (libcalico-go/lib/selector/parser/parser.go; docs/calico-semantics.md section 1):
 * `||` binds weakest, then `&&`; a run of leading `!` collapses to its parity and negates one operation; a literal
 * may only follow an operator; an empty selector is `all()`. Parenthesised groups do not survive as nodes, so
 * `(a && b) && c` is an `and` inside an `and`, exactly as upstream builds it.
 */
import { err, ok, type Result } from "../result";
import { type SelectorNode, toStringSet } from "./ast";
import { tokenize } from "./tokenizer";
import { describeToken, type SelectorError, type Token } from "./tokens";

/** Parses a selector into its syntax tree, or returns the first error with its offset. Never throws. */
export function parseSelectorNode(src: string): Result<SelectorNode, SelectorError> {
  const tokenized = tokenize(src);
  if (!tokenized.ok) return tokenized;
  const tokens = tokenized.value;
  const first = tokens[0];
  if (first === undefined || first.kind === "TokEOF") return ok({ kind: "all" });
  try {
    const p = new Parser(tokens);
    const node = p.parseOr();
    const rest = p.peek();
    if (rest.kind !== "TokEOF") throw new ParseFailure(`unexpected ${describeToken(rest)} at end of selector`, rest);
    return ok(node);
  } catch (e) {
    if (e instanceof ParseFailure) return err({ message: e.message, offset: e.offset });
    throw e;
  }
}

/** A syntax error found while parsing: internal control flow, always turned into a returned `SelectorError`. */
class ParseFailure extends Error {
  readonly offset: number;
  constructor(message: string, at: Token) {
    super(message);
    this.offset = at.offset;
  }
}

const COMPARISONS = {
  TokEq: "eq",
  TokNe: "ne",
  TokContains: "contains",
  TokStartsWith: "startsWith",
  TokEndsWith: "endsWith",
} as const;

/**
 * Deepest nesting of parentheses accepted. Upstream has no limit (Go stacks grow); we stop well before the JavaScript
 * stack would overflow so that no input can make the parser throw.
 */
export const MAX_SELECTOR_NESTING = 1000;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token {
    // The tokenizer always ends the list with TokEOF, and no rule consumes it.
    const t = this.tokens[this.pos] ?? this.tokens[this.tokens.length - 1];
    if (t === undefined) throw new Error("token list is empty");
    return t;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== "TokEOF") this.pos++;
    return t;
  }

  parseOr(): SelectorNode {
    const operands = [this.parseAnd()];
    while (this.peek().kind === "TokOr") {
      this.next();
      operands.push(this.parseAnd());
    }
    return operands.length === 1 && operands[0] !== undefined ? operands[0] : { kind: "or", operands };
  }

  private parseAnd(): SelectorNode {
    const operands = [this.parseOperation()];
    while (this.peek().kind === "TokAnd") {
      this.next();
      operands.push(this.parseOperation());
    }
    return operands.length === 1 && operands[0] !== undefined ? operands[0] : { kind: "and", operands };
  }

  private parseOperation(): SelectorNode {
    let negated = false;
    while (this.peek().kind === "TokNot") {
      this.next();
      negated = !negated;
    }
    const node = this.parseOperand();
    return negated ? { kind: "not", operand: node } : node;
  }

  private parseOperand(): SelectorNode {
    const t = this.next();
    switch (t.kind) {
      case "TokHas":
        return { kind: "has", label: t.value };
      case "TokAll":
        return { kind: "all" };
      case "TokGlobal":
        return { kind: "global" };
      case "TokLabel":
        return this.parseComparison(t);
      case "TokLParen": {
        if (++this.depth > MAX_SELECTOR_NESTING) {
          throw new ParseFailure(`parentheses nested more than ${MAX_SELECTOR_NESTING} deep`, t);
        }
        const inner = this.parseOr();
        this.depth--;
        const close = this.next();
        if (close.kind !== "TokRParen") throw new ParseFailure(`expected ')' but found ${describeToken(close)}`, close);
        return inner;
      }
      default:
        throw new ParseFailure(`expected a label, has(), all(), global(), '!' or '(' but found ${describeToken(t)}`, t);
    }
  }

  private parseComparison(label: Token): SelectorNode {
    const op = this.next();
    if (op.kind === "TokIn" || op.kind === "TokNotIn") {
      return { kind: op.kind === "TokIn" ? "in" : "notIn", label: label.value, values: this.parseSet(op) };
    }
    if (
      op.kind === "TokEq" ||
      op.kind === "TokNe" ||
      op.kind === "TokContains" ||
      op.kind === "TokStartsWith" ||
      op.kind === "TokEndsWith"
    ) {
      const lit = this.next();
      if (lit.kind !== "TokStringLiteral") {
        throw new ParseFailure(
          `expected a quoted string after ${describeToken(op)} but found ${describeToken(lit)}`,
          lit,
        );
      }
      return { kind: COMPARISONS[op.kind], label: label.value, value: lit.value };
    }
    throw new ParseFailure(
      `expected an operator after label ${JSON.stringify(label.value)} but found ${describeToken(op)}`,
      op,
    );
  }

  /** `{ "a", 'b', }`: empty sets and a trailing comma are accepted, as upstream's loop does. */
  private parseSet(op: Token): string[] {
    const open = this.next();
    if (open.kind !== "TokLBrace") {
      throw new ParseFailure(
        `expected a set literal '{...}' after ${describeToken(op)} but found ${describeToken(open)}`,
        open,
      );
    }
    const values: string[] = [];
    while (this.peek().kind === "TokStringLiteral") {
      values.push(this.next().value);
      if (this.peek().kind !== "TokComma") break;
      this.next();
    }
    const close = this.next();
    if (close.kind !== "TokRBrace") throw new ParseFailure(`expected '}' but found ${describeToken(close)}`, close);
    return toStringSet(values);
  }
}
