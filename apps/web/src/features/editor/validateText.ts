import { loadYaml, locate, type ReleaseRange, validateResource } from "@palisade/calico";
import type { Diagnostic } from "../../components/monaco/diagnostics";

// The same checks the BFF's validate route runs (packages/calico), here in the browser so markers appear as you type.

/**
 * Loads the YAML (multi-document, lists, placeholders, bounded) and validates every resource with Calico's v3
 * rules; each problem is placed at its field's position. Unknown kinds are left to the server, which names the kinds
 * it manages. `release` is the cluster's Calico releases: rules that differ between them (built-in tiers) follow it.
 */
export function diagnose(text: string, release: ReleaseRange = {}): Diagnostic[] {
  if (text.trim() === "") return [];
  const { resources, errors } = loadYaml(text);
  const out: Diagnostic[] = errors.map((e) => ({
    line: e.line,
    column: e.column,
    message: e.path === undefined ? e.message : `${e.path}: ${e.message}`,
    severity: e.kind === "placeholder" ? "warning" : "error",
  }));
  for (const r of resources) {
    for (const e of validateResource(r.value, { release }).errors) {
      const at = locate(r, e.path);
      out.push({
        line: at.line,
        column: at.column,
        message: e.path === "" ? e.message : `${e.path}: ${e.message}`,
        severity: "error",
      });
    }
  }
  return out;
}
