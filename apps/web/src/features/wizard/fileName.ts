import { resourceNames } from "../../shared/resourceNames";

/** Characters kept in a file name; anything else (a slash, a space, a colon) becomes "-". */
const UNSAFE = /[^A-Za-z0-9._-]+/g;
const MAX_STEM = 100;

function stem(name: string): string {
  return name
    .replace(UNSAFE, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, MAX_STEM);
}

/**
 * The file a download of generated YAML is saved as: named after the policy (`allow-lb-clients.yaml`), or after the
 * first of several (`deny-nodeports-and-1-more.yaml`); `fallback` (e.g. the generator's name) when the YAML, as the
 * user edited it, names nothing usable.
 */
export function yamlFileName(yaml: string, fallback: string): string {
  const names = resourceNames(yaml)
    .map(stem)
    .filter((n) => n !== "");
  const first = names[0];
  if (first === undefined) return `${stem(fallback) || "policy"}.yaml`;
  return names.length === 1 ? `${first}.yaml` : `${first}-and-${names.length - 1}-more.yaml`;
}
