/**
 * Token kinds of Calico's selector tokenizer (libcalico-go/lib/selector/tokenizer/tokenizer.go), named as upstream
 * names them so test vectors compare directly. Semantics: docs/calico-semantics.md section 1.
 */
export type TokenKind =
  | "TokLabel"
  | "TokStringLiteral"
  | "TokLBrace"
  | "TokRBrace"
  | "TokComma"
  | "TokEq"
  | "TokNe"
  | "TokIn"
  | "TokNot"
  | "TokNotIn"
  | "TokContains"
  | "TokStartsWith"
  | "TokEndsWith"
  | "TokAll"
  | "TokHas"
  | "TokLParen"
  | "TokRParen"
  | "TokAnd"
  | "TokOr"
  | "TokGlobal"
  | "TokEOF";

export interface Token {
  readonly kind: TokenKind;
  /** Label name (TokLabel, TokHas) or literal text (TokStringLiteral); empty for the others. */
  readonly value: string;
  /** UTF-16 offset of the token's first character in the source. */
  readonly offset: number;
}

/** A selector that fails to tokenize or parse: what is wrong and where (UTF-16 offset into the source). */
export interface SelectorError {
  readonly message: string;
  readonly offset: number;
}

/** How an error message names a token to a person. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case "TokLabel":
      return `label ${JSON.stringify(t.value)}`;
    case "TokStringLiteral":
      return `string ${JSON.stringify(t.value)}`;
    case "TokHas":
      return `has(${t.value})`;
    case "TokEOF":
      return "end of selector";
    default:
      return `'${TOKEN_TEXT[t.kind]}'`;
  }
}

const TOKEN_TEXT: Readonly<Record<TokenKind, string>> = {
  TokLabel: "label",
  TokStringLiteral: "string",
  TokLBrace: "{",
  TokRBrace: "}",
  TokComma: ",",
  TokEq: "==",
  TokNe: "!=",
  TokIn: "in",
  TokNot: "!",
  TokNotIn: "not in",
  TokContains: "contains",
  TokStartsWith: "starts with",
  TokEndsWith: "ends with",
  TokAll: "all()",
  TokHas: "has()",
  TokLParen: "(",
  TokRParen: ")",
  TokAnd: "&&",
  TokOr: "||",
  TokGlobal: "global()",
  TokEOF: "end of selector",
};
