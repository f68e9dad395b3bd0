import type { GraphEdge, GraphInterface, PolicySummary } from "@palisade/contract";

export interface MatrixRow {
  /** The selector as Calico evaluates it; `all()` for an empty one. */
  readonly selector: string;
  /** The policies that share this selector, in evaluation order. */
  readonly policies: readonly PolicySummary[];
  /** One entry per column: does the selector match that host endpoint? */
  readonly cells: readonly boolean[];
  readonly matchCount: number;
}

export interface SelectorMatrix {
  /** Host endpoints, by node then interface name. */
  readonly columns: readonly GraphInterface[];
  /** Distinct selectors, in the order their first policy is evaluated. */
  readonly rows: readonly MatrixRow[];
}

/**
 * Selectors × host endpoints, from the graph's policy→endpoint edges: a cell is set when any policy with that
 * selector applies to the host endpoint. Policies that match no host endpoint are left out unless `includeEmpty`.
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
  const bySelector = new Map<string, { policies: PolicySummary[]; cols: Set<number> }>();
  for (const p of policies) {
    const selector = p.selector.trim() === "" ? "all()" : p.selector;
    let row = bySelector.get(selector);
    if (row === undefined) {
      row = { policies: [], cols: new Set() };
      bySelector.set(selector, row);
    }
    row.policies.push(p);
    for (const c of applies.get(p.key) ?? []) row.cols.add(c);
  }
  const rows: MatrixRow[] = [];
  for (const [selector, r] of bySelector) {
    if (r.cols.size === 0 && !includeEmpty) continue;
    rows.push({ selector, policies: r.policies, cells: columns.map((_, i) => r.cols.has(i)), matchCount: r.cols.size });
  }
  return { columns, rows };
}
