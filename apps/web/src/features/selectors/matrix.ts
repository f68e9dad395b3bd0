import { parseSelector } from "@palisade/calico";
import type { GraphEdge, GraphInterface, PolicySummary } from "@palisade/contract";

export interface MatrixRow {
  /** Calico's canonical form of the selector (`all()` for an empty one), shown in single quotes (`displayForm`). */
  readonly selector: string;
  /** The policies whose selectors have this canonical form, in evaluation order. */
  readonly policies: readonly PolicySummary[];
  /** The distinct ways those policies write it, when more than one (`a=='x'` and `a == 'x'`): one row, not two. */
  readonly spellings: readonly string[];
  /** One entry per column: does the selector match that host endpoint? */
  readonly cells: readonly boolean[];
  readonly matchCount: number;
}

export interface SelectorMatrix {
  /** Host endpoints, by node then interface name. */
  readonly columns: readonly GraphInterface[];
  /** Distinct selectors (by canonical form), in the order their first policy is evaluated. */
  readonly rows: readonly MatrixRow[];
}

/**
 * Selectors × host endpoints, from the graph's policy→endpoint edges: a cell is set when any policy with that
 * selector applies to the host endpoint. Selectors are grouped by Calico's canonical form, so spacing, quoting and
 * redundant parentheses do not split one selector into two rows (docs/calico-semantics.md section 1). Policies that
 * match no host endpoint are left out unless `includeEmpty`.
 */
export function buildSelectorMatrix(
  policies: readonly PolicySummary[],
  edges: readonly GraphEdge[],
  interfaces: readonly GraphInterface[],
  includeEmpty = false,
): SelectorMatrix {
  const columns = [...interfaces].sort(
    (a, b) =>
      (a.node ?? "").localeCompare(b.node ?? "") ||
      (a.interfaceName ?? a.name).localeCompare(b.interfaceName ?? b.name),
  );
  const index = new Map(columns.map((c, i) => [c.id, i]));
  const applies = new Map<string, Set<number>>();
  for (const e of edges) {
    const col = index.get(e.endpoint);
    if (col === undefined) continue;
    let set = applies.get(e.policy);
    if (set === undefined) {
      set = new Set();
      applies.set(e.policy, set);
    }
    set.add(col);
  }
  const bySelector = new Map<
    string,
    { shown: string; policies: PolicySummary[]; spellings: Set<string>; cols: Set<number> }
  >();
  for (const p of policies) {
    const written = p.selector.trim();
    // A selector that does not parse (the cluster may hold one) keeps its own row, as written.
    const parsed = parseSelector(written);
    const key = parsed.ok ? parsed.value.toString() : written;
    let row = bySelector.get(key);
    if (row === undefined) {
      row = {
        shown: parsed.ok ? parsed.value.displayForm() : written,
        policies: [],
        spellings: new Set(),
        cols: new Set(),
      };
      bySelector.set(key, row);
    }
    row.policies.push(p);
    row.spellings.add(written === "" ? "all()" : written);
    for (const c of applies.get(p.key) ?? []) row.cols.add(c);
  }
  const rows: MatrixRow[] = [];
  for (const r of bySelector.values()) {
    if (r.cols.size === 0 && !includeEmpty) continue;
    rows.push({
      selector: r.shown,
      policies: r.policies,
      spellings: r.spellings.size > 1 ? [...r.spellings] : [],
      cells: columns.map((_, i) => r.cols.has(i)),
      matchCount: r.cols.size,
    });
  }
  return { columns, rows };
}
