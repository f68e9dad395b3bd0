/**
 * Template placeholders that documentation and sample manifests leave for the reader to fill in:
 * `<worker-node-name>`, `{{ .Values.x }}`, `${VAR}`, MDX `{variables.x}` and elisions `(...)` / `...`.
 * A manifest still holding one is a template, not a resource (shared/fixtures/INVENTORY.md).
 */

const PATTERNS: readonly RegExp[] = [
  /<[^<>\n]*[A-Za-z][^<>\n]*>/,
  /\{\{[^}]*\}\}/,
  /\$\{[A-Za-z_][A-Za-z0-9_]*\}/,
  /\{variables\.[A-Za-z0-9_.]+\}/,
  /\(\.\.\.\)/,
];

/** The placeholder text inside a scalar value, if any; a value that is only "..." is an elision. */
export function findPlaceholder(value: string): { text: string; offset: number } | undefined {
  if (value.trim() === "...") return { text: "...", offset: value.indexOf("...") };
  let best: { text: string; offset: number } | undefined;
  for (const pattern of PATTERNS) {
    const m = pattern.exec(value);
    if (m !== null && (best === undefined || m.index < best.offset)) best = { text: m[0], offset: m.index };
  }
  return best;
}

/** Placeholders in raw YAML text outside `#` comments, for documents that do not parse. */
export function scanTextForPlaceholders(text: string): { text: string; line: number; column: number }[] {
  const found: { text: string; line: number; column: number }[] = [];
  text.split("\n").forEach((raw, i) => {
    const hash = raw.search(/(^|\s)#/);
    const line = hash < 0 ? raw : raw.slice(0, hash);
    const p = findPlaceholder(line.trim() === "..." ? "" : line);
    if (p !== undefined) found.push({ text: p.text, line: i + 1, column: p.offset + 1 });
  });
  return found;
}

export function placeholderMessage(text: string): string {
  return `template placeholder ${JSON.stringify(text)}, fill it in with a real value`;
}
