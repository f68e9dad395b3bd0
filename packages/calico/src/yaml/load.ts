/**
 * Loading policy manifests from YAML text: multi-document files, `kind: List` and bare top-level lists, empty
 * documents and flow style. Every problem is a value with its document, line and column. Bounded: input size,
 * alias expansion (billion laughs) and nesting depth are capped, each with a clear error.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments, Schema, type Tags } from "yaml";
import { findPlaceholder, placeholderMessage, scanTextForPlaceholders } from "./placeholders";

export interface SourcePosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface LoadedResource {
  /** Position of this resource among all resources of the input (list items counted one by one). */
  readonly index: number;
  /** 0-based YAML document index. */
  readonly document: number;
  /** Index inside a `kind: List` or a top-level sequence. */
  readonly item?: number;
  readonly value: unknown;
  readonly position: SourcePosition;
  /** Where each field path inside the resource (`spec.ingress[0].action`) starts in the source. */
  readonly locations: Readonly<Record<string, SourcePosition>>;
}

export type LoadIssueKind = "syntax" | "placeholder" | "limit" | "structure";

export interface LoadIssue {
  readonly kind: LoadIssueKind;
  readonly document: number;
  readonly item?: number;
  /** Field path inside the resource, when the issue is about a value. */
  readonly path?: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface LoadResult {
  readonly resources: readonly LoadedResource[];
  readonly errors: readonly LoadIssue[];
}

export interface LoadLimits {
  /** Largest input accepted, in UTF-16 code units (about bytes for YAML). */
  readonly maxBytes: number;
  /** Most alias expansions per document (each `*ref` counts its whole referenced subtree). */
  readonly maxAliasCount: number;
  /** Deepest nesting of maps and lists. */
  readonly maxDepth: number;
  /** Most documents per input. */
  readonly maxDocuments: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  maxBytes: 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 64,
  maxDocuments: 5000,
};

/**
 * Scalars resolve as Kubernetes and calicoctl read YAML (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1): `yes`/`no`/
 * `on`/`off` are booleans and `0755` is octal, so `preDNAT: yes` means true and an unquoted label value `on` is not a
 * string. go-yaml does not implement base-60 numbers or timestamps for untyped values, so `80:81` stays a port range
 * and a date stays a string; those YAML 1.1 tags are dropped. Built once: building a schema per parse is costly.
 */
const GO_YAML_SCHEMA = new Schema({
  schema: "yaml-1.1",
  merge: true,
  customTags: (tags: Tags): Tags =>
    tags.filter((t) => typeof t === "string" || (t.format !== "TIME" && t.tag !== "tag:yaml.org,2002:timestamp")),
});

/** Later syntax errors of a broken document are mostly consequences of the first ones. */
const MAX_SYNTAX_ERRORS_PER_DOCUMENT = 5;

const START: SourcePosition = { line: 1, column: 1 };

interface Walk {
  readonly lines: LineCounter;
  readonly document: number;
  readonly item: number | undefined;
  readonly locations: Record<string, SourcePosition>;
  readonly issues: LoadIssue[];
  readonly maxDepth: number;
}

function positionOf(lines: LineCounter, offset: number | undefined): SourcePosition {
  if (offset === undefined) return START;
  const { line, col } = lines.linePos(offset);
  return { line: Math.max(line, 1), column: Math.max(col, 1) };
}

function keyPath(parent: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/** Records positions of every path and reports placeholders and excessive depth; iterative, so depth is safe. */
function walk(root: Node, w: Walk): boolean {
  const stack: { node: Node | null; path: string; depth: number }[] = [{ node: root, path: "", depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (top === undefined || top.node === null || isAlias(top.node)) continue;
    const { node, path, depth } = top;
    const at = positionOf(w.lines, node.range?.[0]);
    if (path !== "") w.locations[path] = at;
    if (depth > w.maxDepth) {
      w.issues.push({
        kind: "limit",
        document: w.document,
        line: at.line,
        column: at.column,
        message: `nesting deeper than ${w.maxDepth} levels`,
      });
      return false;
    }
    if (isScalar(node)) {
      if (typeof node.value !== "string") continue;
      const p = findPlaceholder(node.value);
      if (p !== undefined) {
        const issue: LoadIssue = {
          kind: "placeholder",
          document: w.document,
          ...(w.item === undefined ? {} : { item: w.item }),
          path,
          line: at.line,
          column: at.column,
          message: placeholderMessage(p.text),
        };
        w.issues.push(issue);
      }
    } else if (isMap(node)) {
      // Children are pushed last-first so that they are visited, and issues reported, in document order.
      for (const pair of [...node.items].reverse()) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        stack.push({ node: (pair.value as Node | null) ?? null, path: keyPath(path, key), depth: depth + 1 });
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        stack.push({ node: (node.items[i] as Node | null) ?? null, path: `${path}[${i}]`, depth: depth + 1 });
      }
    }
  }
  return true;
}

function isListWrapper(value: unknown): value is { items: unknown[] } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === "string" && v.kind.endsWith("List") && Array.isArray(v.items);
}

/** Parses YAML (or JSON) text into resources. Never throws for bad input. */
export function loadYaml(text: string, limits: LoadLimits = DEFAULT_LOAD_LIMITS): LoadResult {
  const errors: LoadIssue[] = [];
  const resources: LoadedResource[] = [];
  if (text.length > limits.maxBytes) {
    errors.push({
      kind: "limit",
      document: 0,
      line: 1,
      column: 1,
      message: `input is ${text.length} bytes; at most ${limits.maxBytes} are accepted`,
    });
    return { resources, errors };
  }
  const lines = new LineCounter();
  let documents: ReturnType<typeof parseAllDocuments>;
  try {
    documents = parseAllDocuments(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
      schema: GO_YAML_SCHEMA,
    });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    errors.push({
      kind: "limit",
      document: 0,
      line: 1,
      column: 1,
      message: `input nests too deeply to parse (${err.message})`,
    });
    return { resources, errors };
  }
  const docs = Array.isArray(documents) ? documents : [documents];
  if (docs.length > limits.maxDocuments) {
    errors.push({
      kind: "limit",
      document: 0,
      line: 1,
      column: 1,
      message: `input has ${docs.length} documents; at most ${limits.maxDocuments} are accepted`,
    });
    return { resources, errors };
  }
  docs.forEach((doc, document) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors.slice(0, MAX_SYNTAX_ERRORS_PER_DOCUMENT)) {
        const at = positionOf(lines, e.pos[0]);
        const overflow = e.message.includes("call stack");
        errors.push({
          kind: overflow ? "limit" : "syntax",
          document,
          line: at.line,
          column: at.column,
          message: overflow
            ? "input nests too deeply to parse"
            : `YAML syntax error: ${e.message.split("\n")[0] ?? e.message}`,
        });
      }
      const [from, to] = doc.range ?? [0, text.length];
      const firstLine = positionOf(lines, from).line;
      for (const p of scanTextForPlaceholders(text.slice(from, to))) {
        errors.push({
          kind: "placeholder",
          document,
          line: firstLine + p.line - 1,
          column: p.column,
          message: placeholderMessage(p.text),
        });
      }
      return;
    }
    const contents = doc.contents;
    if (contents === null) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (err) {
      if (!(err instanceof ReferenceError || err instanceof RangeError)) throw err;
      const at = positionOf(lines, contents.range?.[0]);
      errors.push({
        kind: "limit",
        document,
        line: at.line,
        column: at.column,
        message: `aliases expand too much (more than ${limits.maxAliasCount}); write the values out`,
      });
      return;
    }
    const items: { node: Node; value: unknown; item?: number }[] = [];
    if (Array.isArray(value) && isSeq(contents)) {
      value.forEach((v, i) => {
        items.push({ node: contents.items[i] as Node, value: v, item: i });
      });
    } else if (isListWrapper(value) && isMap(contents)) {
      const seq = contents.get("items", true);
      value.items.forEach((v, i) => {
        items.push({ node: isSeq(seq) ? (seq.items[i] as Node) : contents, value: v, item: i });
      });
    } else {
      items.push({ node: contents, value });
    }
    for (const entry of items) {
      if (entry.value === null || entry.value === undefined) continue;
      const locations: Record<string, SourcePosition> = {};
      const ok = walk(entry.node, {
        lines,
        document,
        item: entry.item,
        locations,
        issues: errors,
        maxDepth: limits.maxDepth,
      });
      if (!ok) continue;
      resources.push({
        index: resources.length,
        document,
        ...(entry.item === undefined ? {} : { item: entry.item }),
        value: entry.value,
        position: positionOf(lines, entry.node.range?.[0]),
        locations,
      });
    }
  });
  return { resources, errors };
}

/** The source position of `path` in a loaded resource, or of its nearest ancestor that has one. */
export function locate(resource: LoadedResource, path: string): SourcePosition {
  let p = path;
  while (p !== "") {
    const at = resource.locations[p];
    if (at !== undefined) return at;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    p = cut < 0 ? "" : p.slice(0, cut);
  }
  return resource.position;
}
