/**
 * Every distinct selector string in shared/fixtures/**.yaml: the scalar values of `selector`, `notSelector`,
 * `namespaceSelector` and `serviceAccountSelector` keys (plain, single- or double-quoted YAML scalars).
 */
import type { SharedFiles } from "@palisade/reference";

const KEY = /^\s*(?:-\s+)?(?:selector|notSelector|namespaceSelector|serviceAccountSelector):[ \t]+(.+?)\s*$/;

export function fixtureSelectors(shared: SharedFiles): string[] {
  const found = new Set<string>();
  for (const file of shared.list("fixtures", [".yaml", ".yml"])) {
    for (const line of shared.read(file).split("\n")) {
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
