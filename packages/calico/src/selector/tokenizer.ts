/**
 * Calico's selector tokenizer, rule for rule (libcalico-go/lib/selector/tokenizer/tokenizer.go; docs/calico-semantics.md
 * section 1): only space and tab are whitespace; quotes have no escapes; operator words (`contains`, `starts with`,
 * `ends with`, `not in`, `in`) are recognised only straight after a label and must end at a word boundary; labels are
 * `[A-Za-z0-9_./-]`, at most 512 bytes.
 */
import { err, ok, type Result } from "../result";
import type { SelectorError, Token, TokenKind } from "./tokens";

/** `tokenizer.MaxLabelLength`. Label characters are ASCII, so bytes equal UTF-16 units. */
export const MAX_LABEL_LENGTH = 512;

/** Tokenizes a selector; the last token is always `TokEOF`. */
export function tokenize(src: string): Result<Token[], SelectorError> {
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  const push = (kind: TokenKind, offset: number, value = "") => tokens.push({ kind, value, offset });
  for (;;) {
    i = skipWhitespace(src, i);
    if (i >= n) {
      push("TokEOF", n);
      return ok(tokens);
    }
    const start = i;
    const c = src.charCodeAt(i);
    const lastKind = tokens.length > 0 ? tokens[tokens.length - 1]?.kind : undefined;
    switch (c) {
      case 0x28: // (
        push("TokLParen", start);
        i++;
        continue;
      case 0x29: // )
        push("TokRParen", start);
        i++;
        continue;
      case 0x22: // "
      case 0x27: {
        // '
        const close = src.indexOf(c === 0x22 ? '"' : "'", i + 1);
        if (close === -1) return err({ message: "unterminated string", offset: start });
        push("TokStringLiteral", start, src.slice(i + 1, close));
        i = close + 1;
        continue;
      }
      case 0x7b: // {
        push("TokLBrace", start);
        i++;
        continue;
      case 0x7d: // }
        push("TokRBrace", start);
        i++;
        continue;
      case 0x2c: // ,
        push("TokComma", start);
        i++;
        continue;
      case 0x3d: // =
        if (src.charCodeAt(i + 1) !== 0x3d)
          return err({ message: "expected '==' (a single '=' is not an operator)", offset: start });
        push("TokEq", start);
        i += 2;
        continue;
      case 0x21: // !
        if (src.charCodeAt(i + 1) === 0x3d) {
          push("TokNe", start);
          i += 2;
        } else {
          push("TokNot", start);
          i++;
        }
        continue;
      case 0x26: // &
        if (src.charCodeAt(i + 1) !== 0x26)
          return err({ message: "expected '&&' (a single '&' is not an operator)", offset: start });
        push("TokAnd", start);
        i += 2;
        continue;
      case 0x7c: // |
        if (src.charCodeAt(i + 1) !== 0x7c)
          return err({ message: "expected '||' (a single '|' is not an operator)", offset: start });
        push("TokOr", start);
        i += 2;
        continue;
    }
    if (lastKind === "TokLabel") {
      const op = cutOperator(src, i);
      if (op === undefined) {
        const label = tokens[tokens.length - 1]?.value ?? "";
        return err({
          message: `expected an operator after label ${JSON.stringify(label)} (==, !=, in, not in, contains, starts with, ends with)`,
          offset: start,
        });
      }
      push(op.kind, start);
      i = op.end;
      continue;
    }
    const fn = cutFunction(src, i, push);
    if (fn !== undefined) {
      if (typeof fn !== "number") return err(fn);
      i = fn;
      continue;
    }
    const ident = cutIdentifier(src, i);
    if (typeof ident !== "number") return err(ident);
    push("TokLabel", start, src.slice(i, ident));
    i = ident;
  }
}

function skipWhitespace(src: string, i: number): number {
  let j = i;
  for (;;) {
    const c = src.charCodeAt(j);
    if (c !== 0x20 && c !== 0x09) return j;
    j++;
  }
}

/** `identifierChar`: the characters a label name may contain. */
export function isLabelChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x5f || // _
    c === 0x2e || // .
    c === 0x2f || // /
    c === 0x2d // -
  );
}

/** `tokenizer.ValidLabel`: the whole string is one label name of at most 512 characters. */
export function isValidLabel(name: string): boolean {
  return cutIdentifier(name, 0) === name.length;
}

/** `cutIdentifier`: the end offset of the label starting at `i`, or an error. */
function cutIdentifier(src: string, i: number): number | SelectorError {
  let j = i;
  while (j < src.length && isLabelChar(src.charCodeAt(j))) j++;
  if (j === i) {
    const c = src.charCodeAt(i);
    const what =
      c === 0x0a || c === 0x0d
        ? "a line break (selectors are one line; only spaces and tabs separate tokens)"
        : `unexpected character ${JSON.stringify(src[i])}`;
    return { message: `expected a label name, found ${what}`, offset: i };
  }
  if (j - i > MAX_LABEL_LENGTH) {
    return { message: `label name is ${j - i} characters long; the limit is ${MAX_LABEL_LENGTH}`, offset: i };
  }
  return j;
}

function isWordBoundary(src: string, i: number): boolean {
  return i >= src.length || !isLabelChar(src.charCodeAt(i));
}

const OPERATOR_WORDS: readonly { readonly words: readonly string[]; readonly kind: TokenKind }[] = [
  { words: ["contains"], kind: "TokContains" },
  { words: ["starts", "with"], kind: "TokStartsWith" },
  { words: ["ends", "with"], kind: "TokEndsWith" },
  { words: ["not", "in"], kind: "TokNotIn" },
  { words: ["in"], kind: "TokIn" },
];

/**
 * `cutPrefixCheckBreak` / `cutMultiWordPrefixCheckBreak`: words may be separated by any amount of whitespace, or none
 * (`startswith`, `notin`); only the last word must end at a word boundary.
 */
function cutOperator(src: string, i: number): { kind: TokenKind; end: number } | undefined {
  for (const op of OPERATOR_WORDS) {
    let j = i;
    let matched = true;
    for (const word of op.words) {
      if (!src.startsWith(word, j)) {
        matched = false;
        break;
      }
      j += word.length;
      // Multi-word operators skip whitespace after every word, the last included, before the boundary check.
      if (op.words.length > 1) j = skipWhitespace(src, j);
    }
    if (!matched) continue;
    if (isWordBoundary(src, j)) return { kind: op.kind, end: j };
  }
  return undefined;
}

const FUNCTIONS: readonly { readonly prefix: string; readonly kind: TokenKind }[] = [
  { prefix: "has(", kind: "TokHas" },
  { prefix: "all(", kind: "TokAll" },
  { prefix: "global(", kind: "TokGlobal" },
];

/**
 * `has(label)`, `all()`, `global()`: no space before `(`, spaces allowed inside. Returns the end offset, an error, or
 * undefined when the input is not a function call.
 */
function cutFunction(
  src: string,
  i: number,
  push: (kind: TokenKind, offset: number, value?: string) => void,
): number | SelectorError | undefined {
  for (const fn of FUNCTIONS) {
    if (!src.startsWith(fn.prefix, i)) continue;
    let j = skipWhitespace(src, i + fn.prefix.length);
    let value = "";
    if (fn.kind === "TokHas") {
      const end = cutIdentifier(src, j);
      if (typeof end !== "number") return { message: `has() needs a label name: ${end.message}`, offset: end.offset };
      value = src.slice(j, end);
      j = skipWhitespace(src, end);
    }
    if (src.charCodeAt(j) !== 0x29) {
      return { message: `no closing ')' after ${fn.prefix}`, offset: j };
    }
    push(fn.kind, i, value);
    return j + 1;
  }
  return undefined;
}
