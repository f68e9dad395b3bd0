/**
 * An incremental two-way index between selectors and labelled items, in the spirit of Felix's
 * `SelectorAndNamedPortIndex` and `LabelRestrictionIndex` (docs/calico-semantics.md section 6):
 * - a new selector scans only the cheapest candidate set its label restrictions allow (items with one of the
 *   required values, or with a required label), falling back to a full scan when it restricts nothing;
 * - a changed item is checked only against the selectors filed under its own `(label, value)` and `(label, *)` keys
 *   plus the unoptimised ones; selectors that can never match are not filed at all.
 * Match changes are reported through the callbacks so that derived views update only what changed.
 */
import type { Selector } from "../selector/selector";

export interface SelectorIndexEvents {
  onMatchStarted?(selectorId: string, itemId: string): void;
  onMatchStopped?(selectorId: string, itemId: string): void;
}

interface SelectorEntry {
  readonly selector: Selector;
  /** Where the selector is filed: a label (and value), the unoptimised set, or nowhere (never matches). */
  readonly filing:
    | { readonly kind: "value"; readonly label: string; readonly values: readonly string[] }
    | { readonly kind: "label"; readonly label: string }
    | { readonly kind: "unoptimised" }
    | { readonly kind: "never" };
}

const EMPTY: ReadonlySet<string> = new Set();

export class SelectorIndex {
  private readonly items = new Map<string, ReadonlyMap<string, string>>();
  /** label → value → item ids. */
  private readonly itemsByLabelValue = new Map<string, Map<string, Set<string>>>();
  /** label → item ids having it. */
  private readonly itemsByLabel = new Map<string, Set<string>>();

  private readonly selectors = new Map<string, SelectorEntry>();
  private readonly selectorsByLabelValue = new Map<string, Map<string, Set<string>>>();
  private readonly selectorsByLabel = new Map<string, Set<string>>();
  private readonly unoptimised = new Set<string>();

  private readonly itemsOfSelector = new Map<string, Set<string>>();
  private readonly selectorsOfItem = new Map<string, Set<string>>();

  constructor(private readonly events: SelectorIndexEvents = {}) {}

  /** Items the selector currently matches. */
  matchesOf(selectorId: string): ReadonlySet<string> {
    return this.itemsOfSelector.get(selectorId) ?? EMPTY;
  }

  /** Selectors that currently match the item. */
  selectorsMatching(itemId: string): ReadonlySet<string> {
    return this.selectorsOfItem.get(itemId) ?? EMPTY;
  }

  hasSelector(selectorId: string): boolean {
    return this.selectors.has(selectorId);
  }

  labelsOf(itemId: string): ReadonlyMap<string, string> | undefined {
    return this.items.get(itemId);
  }

  /** Adds or replaces a selector and computes its matches from the cheapest candidate set. */
  upsertSelector(id: string, selector: Selector): void {
    const old = this.selectors.get(id);
    if (old !== undefined && old.selector.toString() === selector.toString()) return;
    if (old !== undefined) this.unfile(id, old);
    const entry: SelectorEntry = { selector, filing: chooseFiling(selector) };
    this.selectors.set(id, entry);
    this.file(id, entry);
    const next = new Set<string>();
    if (entry.filing.kind !== "never") {
      for (const itemId of this.candidatesFor(selector)) {
        const labels = this.items.get(itemId);
        if (labels !== undefined && selector.evaluate(labels)) next.add(itemId);
      }
    }
    this.replaceMatchesOfSelector(id, next);
  }

  removeSelector(id: string): void {
    const old = this.selectors.get(id);
    if (old === undefined) return;
    this.unfile(id, old);
    this.selectors.delete(id);
    this.replaceMatchesOfSelector(id, new Set());
    this.itemsOfSelector.delete(id);
  }

  /** Adds or replaces an item's (effective) labels and re-checks only the selectors that could match it. */
  upsertItem(id: string, labels: ReadonlyMap<string, string>): void {
    const old = this.items.get(id);
    if (old !== undefined) this.unindexItem(id, old);
    this.items.set(id, labels);
    this.indexItem(id, labels);
    const next = new Set<string>();
    for (const selId of this.candidateSelectorsFor(labels)) {
      const entry = this.selectors.get(selId);
      if (entry?.selector.evaluate(labels)) next.add(selId);
    }
    this.replaceMatchesOfItem(id, next);
  }

  removeItem(id: string): void {
    const old = this.items.get(id);
    if (old === undefined) return;
    this.unindexItem(id, old);
    this.items.delete(id);
    this.replaceMatchesOfItem(id, new Set());
    this.selectorsOfItem.delete(id);
  }

  private candidateSelectorsFor(labels: ReadonlyMap<string, string>): Set<string> {
    const out = new Set(this.unoptimised);
    for (const [label, value] of labels) {
      const byValue = this.selectorsByLabelValue.get(label)?.get(value);
      if (byValue !== undefined) for (const s of byValue) out.add(s);
      const byLabel = this.selectorsByLabel.get(label);
      if (byLabel !== undefined) for (const s of byLabel) out.add(s);
    }
    return out;
  }

  /** The smallest item set the selector's restrictions allow (`LabelNameValueIndex.StrategyFor`). */
  private candidatesFor(selector: Selector): Iterable<string> {
    let best: Iterable<string> = this.items.keys();
    let bestCost = this.items.size;
    for (const [label, r] of selector.labelRestrictions()) {
      if (!r.mustBePresent) continue;
      if (r.mustHaveOneOfValues === undefined) {
        const ids = this.itemsByLabel.get(label);
        const cost = ids?.size ?? 0;
        if (cost < bestCost) [best, bestCost] = [ids ?? EMPTY, cost];
        continue;
      }
      const byValue = this.itemsByLabelValue.get(label);
      const sets = r.mustHaveOneOfValues.map((v) => byValue?.get(v)).filter((s) => s !== undefined);
      const cost = sets.reduce((n, s) => n + s.size, 0);
      if (cost < bestCost)
        [best, bestCost] = [sets.length === 1 && sets[0] ? sets[0] : sets.flatMap((s) => [...s]), cost];
    }
    return best;
  }

  private replaceMatchesOfSelector(selId: string, next: Set<string>): void {
    const prev = this.itemsOfSelector.get(selId) ?? EMPTY;
    for (const itemId of prev) if (!next.has(itemId)) this.stop(selId, itemId);
    for (const itemId of next) if (!prev.has(itemId)) this.start(selId, itemId);
  }

  private replaceMatchesOfItem(itemId: string, next: Set<string>): void {
    const prev = this.selectorsOfItem.get(itemId) ?? EMPTY;
    for (const selId of prev) if (!next.has(selId)) this.stop(selId, itemId);
    for (const selId of next) if (!prev.has(selId)) this.start(selId, itemId);
  }

  private start(selId: string, itemId: string): void {
    addTo(this.itemsOfSelector, selId, itemId);
    addTo(this.selectorsOfItem, itemId, selId);
    this.events.onMatchStarted?.(selId, itemId);
  }

  private stop(selId: string, itemId: string): void {
    this.itemsOfSelector.get(selId)?.delete(itemId);
    this.selectorsOfItem.get(itemId)?.delete(selId);
    this.events.onMatchStopped?.(selId, itemId);
  }

  private indexItem(id: string, labels: ReadonlyMap<string, string>): void {
    for (const [label, value] of labels) {
      addTo(this.itemsByLabel, label, id);
      addTo(nested(this.itemsByLabelValue, label), value, id);
    }
  }

  private unindexItem(id: string, labels: ReadonlyMap<string, string>): void {
    for (const [label, value] of labels) {
      removeFrom(this.itemsByLabel, label, id);
      const byValue = this.itemsByLabelValue.get(label);
      if (byValue !== undefined) {
        removeFrom(byValue, value, id);
        if (byValue.size === 0) this.itemsByLabelValue.delete(label);
      }
    }
  }

  private file(id: string, entry: SelectorEntry): void {
    const f = entry.filing;
    if (f.kind === "value") for (const v of f.values) addTo(nested(this.selectorsByLabelValue, f.label), v, id);
    else if (f.kind === "label") addTo(this.selectorsByLabel, f.label, id);
    else if (f.kind === "unoptimised") this.unoptimised.add(id);
  }

  private unfile(id: string, entry: SelectorEntry): void {
    const f = entry.filing;
    if (f.kind === "value") {
      const byValue = this.selectorsByLabelValue.get(f.label);
      if (byValue !== undefined) {
        for (const v of f.values) removeFrom(byValue, v, id);
        if (byValue.size === 0) this.selectorsByLabelValue.delete(f.label);
      }
    } else if (f.kind === "label") removeFrom(this.selectorsByLabel, f.label, id);
    else if (f.kind === "unoptimised") this.unoptimised.delete(id);
  }
}

/**
 * `LabelRestrictionIndex`: file under the most restrictive label. A value set scores `max(10000 − n, 100)` plus 10
 * for presence; presence alone scores 10.
 */
function chooseFiling(selector: Selector): SelectorEntry["filing"] {
  if (selector.canNeverMatch()) return { kind: "never" };
  let best: SelectorEntry["filing"] = { kind: "unoptimised" };
  let bestScore = 0;
  for (const [label, r] of selector.labelRestrictions()) {
    if (!r.mustBePresent) continue;
    const values = r.mustHaveOneOfValues;
    const score = values === undefined ? 10 : Math.max(10_000 - values.length, 100) + 10;
    if (score > bestScore) {
      bestScore = score;
      best = values === undefined ? { kind: "label", label } : { kind: "value", label, values };
    }
  }
  return best;
}

function nested<V>(m: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = m.get(key);
  if (inner === undefined) {
    inner = new Map();
    m.set(key, inner);
  }
  return inner;
}

function addTo(m: Map<string, Set<string>>, key: string, value: string): void {
  let s = m.get(key);
  if (s === undefined) {
    s = new Set();
    m.set(key, s);
  }
  s.add(value);
}

function removeFrom(m: Map<string, Set<string>>, key: string, value: string): void {
  const s = m.get(key);
  if (s === undefined) return;
  s.delete(value);
  if (s.size === 0) m.delete(key);
}
