/**
 * Every distinct selector string in shared/fixtures/**.yaml: the scalar values of `selector`, `notSelector`,
 * `namespaceSelector` and `serviceAccountSelector` keys (plain, single- or double-quoted YAML scalars).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES_DIR = fileURLToPath(new URL("../../../../shared/fixtures/", import.meta.url));

const KEY = /^\s*(?:-\s+)?(?:selector|notSelector|namespaceSelector|serviceAccountSelector):[ \t]+(.+?)\s*$/;

export function fixtureSelectors(dir = FIXTURES_DIR): string[] {
  const found = new Set<string>();
  for (const file of yamlFiles(dir)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const m = KEY.exec(line);
      const raw = m?.[1];
      if (raw === undefined || raw.startsWith("{") || raw.startsWith("#") || raw === "|" || raw === ">") continue;
      found.add(unquote(raw.replace(/\s+#.*$/, "")));
    }
  }
  return [...found].sort();
}

function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replaceAll("''", "'");
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) return JSON.parse(s) as string;
  return s;
}

function* yamlFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(entry.name)) yield path;
  }
}
