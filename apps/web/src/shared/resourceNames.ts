import { loadYaml } from "@palisade/calico";

/** The `metadata.name` of every resource in the YAML, in document order, without repeats. */
export function resourceNames(yaml: string): string[] {
  const names: string[] = [];
  for (const r of loadYaml(yaml).resources) {
    const metadata = (r.value as { metadata?: unknown } | null)?.metadata;
    const name = (metadata as { name?: unknown } | null | undefined)?.name;
    if (typeof name === "string" && name.trim() !== "" && !names.includes(name)) names.push(name);
  }
  return names;
}
