/**
 * An incremental two-way index between selectors and labelled items, in the spirit of Felix's
 * `SelectorAndNamedPortIndex` and `LabelRestrictionIndex` (docs/calico-semantics.md section 6):
 * - a new selector scans only the cheapest candidate set its label restrictions allow (items with one of the
 *   required values, or with a required label), falling back to a full scan when it restricts nothing;
 * - a changed item is checked only against the selectors filed under its own `(label, value)` and `(label, *)` keys
 *   plus the unoptimised ones; selectors that can never match are not filed at all.
 * Every item carries a version that changes whenever its set of matching selectors does, so derived per-item views
 * can tell when to recompute. Internally items and selectors are numbered: sets of small integers are several times
 * cheaper than sets of strings.
 */
import { type InternedLabels, type InternedMatcher, LabelTable, labelValue } from "../selector/interned";
import type { Selector } from "../selector/selector";

type Filing =
  | { readonly kind: "value"; readonly label: number; readonly values: readonly number[] }
  | { readonly kind: "label"; readonly label: number }
  | { readonly kind: "unoptimised" }
  | { readonly kind: "never" };

interface SelectorEntry {
  readonly selector: Selector;
  /** The selector compiled against the index's label table. */
  readonly matches: InternedMatcher;
  /** Where the selector is filed: a label (and value), the unoptimised set, or nowhere (never matches). */
  readonly filing: Filing;
}

const EMPTY: ReadonlySet<number> = new Set();

/** `(label, value)` ids as one map key; ids stay below 2^26 (67 million distinct strings). */
const VALUE_SPAN = 2 ** 26;
const pairKey = (label: number, value: number) => label * VALUE_SPAN + value;
/** Above every id: an exhausted side of a merge never wins the comparison. */
const END = 0x7fffffff;

/**
 * Names ↔ dense numbers. A released number is given to the next new name, so that churn (pods coming and going,
 * what-if policies applied and taken back) does not grow the index.
 */
class Numbering {
  private readonly byName = new Map<string, number>();
  private readonly names: (string | undefined)[] = [];
  private readonly free: number[] = [];

  get(name: string): number | undefined {
    return this.byName.get(name);
  }

  intern(name: string): number {
    let n = this.byName.get(name);
    if (n === undefined) {
      n = this.free.pop() ?? this.names.length;
      this.byName.set(name, n);
      this.names[n] = name;
    }
    return n;
  }

  release(name: string): void {
    const n = this.byName.get(name);
    if (n === undefined) return;
    this.byName.delete(name);
    this.names[n] = undefined;
    this.free.push(n);
  }

  name(n: number): string {
    const name = this.names[n];
    if (name === undefined) throw new Error(`unknown number ${n}`);
    return name;
  }
}

export class SelectorIndex {
  /** Label names and values as integers: items' labels are stored and selectors evaluated in these terms. */
  readonly table = new LabelTable();
  private readonly itemIds = new Numbering();
  private readonly selectorIds = new Numbering();
  private readonly itemLabels: (InternedLabels | undefined)[] = [];
  private liveItems = 0;
  /**
   * (label, value) → items, for the labels some selector has required so far (the candidates of a new selector and
   * the cost of filing one come from these): an endpoint carries a dozen labels, its own and its namespace's and
   * service account's, and selectors name few of them.
   */
  private readonly itemsByLabelValue = new Map<number, Set<number>>();
  /** label → its values that some item has, for the labels indexed. */
  private readonly valuesOfLabel = new Map<number, Set<number>>();
  private readonly indexedLabels = new Set<number>();
  /** label → number of items having it; the items are those of its values (a set per label cost a fifth of a build). */
  private readonly itemCountByLabel = new Map<number, number>();

  private readonly selectors: (SelectorEntry | undefined)[] = [];
  private readonly selectorsByLabelValue = new Map<number, Set<number>>();
  private readonly selectorsByLabel = new Map<number, Set<number>>();
  private readonly unoptimised = new Set<number>();

  private readonly itemsOfSelector: (Set<number> | undefined)[] = [];
  private readonly selectorsOfItem: (Set<number> | undefined)[] = [];
  private readonly itemVersions: number[] = [];

  /** Items the selector currently matches. */
  matchesOf(selectorId: string): ReadonlySet<string> {
    const n = this.selectorIds.get(selectorId);
    return this.names(n === undefined ? undefined : this.itemsOfSelector[n], this.itemIds);
  }

  /** Calls `fn` for every item the selector currently matches, without building a set. */
  forEachMatch(selectorId: string, fn: (itemId: string) => void): void {
    const n = this.selectorIds.get(selectorId);
    const items = n === undefined ? undefined : this.itemsOfSelector[n];
    if (items !== undefined) for (const i of items) fn(this.itemIds.name(i));
  }

  /** How many items the selector currently matches. */
  matchCount(selectorId: string): number {
    const n = this.selectorIds.get(selectorId);
    return n === undefined ? 0 : (this.itemsOfSelector[n]?.size ?? 0);
  }

  /** True when the selector currently matches the item. */
  isMatch(selectorId: string, itemId: string): boolean {
    const s = this.selectorIds.get(selectorId);
    const i = this.itemIds.get(itemId);
    return s !== undefined && i !== undefined && this.itemsOfSelector[s]?.has(i) === true;
  }

  /** Selectors that currently match the item. */
  selectorsMatching(itemId: string): ReadonlySet<string> {
    const n = this.itemIds.get(itemId);
    return this.names(n === undefined ? undefined : this.selectorsOfItem[n], this.selectorIds);
  }

  /** The same string for items matched by the same selectors (while no selector is removed and another added). */
  matchSetKey(itemId: string): string {
    const n = this.itemIds.get(itemId);
    const set = n === undefined ? undefined : this.selectorsOfItem[n];
    return set === undefined ? "" : [...set].sort((a, b) => a - b).join(",");
  }

  /** Changes whenever the item's set of matching selectors changes; -1 for unknown items. */
  versionOf(itemId: string): number {
    const n = this.itemIds.get(itemId);
    return n === undefined ? -1 : (this.itemVersions[n] ?? 0);
  }

  labelsOf(itemId: string): ReadonlyMap<string, string> | undefined {
    const n = this.itemIds.get(itemId);
    const labels = n === undefined ? undefined : this.itemLabels[n];
    return labels === undefined ? undefined : this.table.toMap(labels);
  }

  /** Adds or replaces a selector and computes its matches from the cheapest candidate set. */
  upsertSelector(id: string, selector: Selector): void {
    const s = this.selectorIds.intern(id);
    const old = this.selectors[s];
    if (old !== undefined && old.selector.toString() === selector.toString()) return;
    if (old !== undefined) this.unfile(s, old);
    for (const [label, r] of selector.labelRestrictions()) if (r.mustBePresent) this.indexLabel(this.table.id(label));
    const matches = selector.matcherFor(this.table);
    const entry: SelectorEntry = { selector, matches, filing: this.chooseFiling(selector) };
    this.selectors[s] = entry;
    this.file(s, entry);
    const next = new Set<number>();
    if (entry.filing.kind !== "never") {
      this.forEachCandidate(selector, (i, exact) => {
        if (exact) next.add(i);
        else {
          const labels = this.itemLabels[i];
          if (labels !== undefined && matches(labels)) next.add(i);
        }
      });
    }
    this.replaceMatchesOfSelector(s, next);
  }

  removeSelector(id: string): void {
    const s = this.selectorIds.get(id);
    const old = s === undefined ? undefined : this.selectors[s];
    if (s === undefined || old === undefined) return;
    this.unfile(s, old);
    this.selectors[s] = undefined;
    this.replaceMatchesOfSelector(s, new Set());
    this.selectorIds.release(id);
  }

  /** Adds or replaces an item's (effective) labels and re-checks only the selectors that could match it. */
  upsertItem(id: string, labels: ReadonlyMap<string, string>): void {
    this.upsertInternedItem(id, this.table.labels(labels));
  }

  /** `upsertItem` for labels already interned in `table`. */
  upsertInternedItem(id: string, labels: InternedLabels): void {
    const i = this.itemIds.intern(id);
    const old = this.itemLabels[i];
    if (old !== undefined) this.reindexItem(i, old, labels);
    else {
      this.liveItems++;
      this.indexItem(i, labels);
    }
    this.itemLabels[i] = labels;
    // No selector filed yet (a cluster loads its endpoints before its policies): nothing to check.
    if (this.unoptimised.size === 0 && this.selectorsByLabelValue.size === 0 && this.selectorsByLabel.size === 0) {
      this.replaceMatchesOfItem(i, EMPTY);
      return;
    }
    let next: Set<number> | undefined;
    for (const s of this.unoptimised) next = this.addIfMatch(next, s, labels);
    for (let k = 0; k < labels.length; k += 2) {
      const label = labels[k] as number;
      const byValue = this.selectorsByLabelValue.get(pairKey(label, labels[k + 1] as number));
      if (byValue !== undefined) for (const s of byValue) next = this.addIfMatch(next, s, labels);
      const byLabel = this.selectorsByLabel.get(label);
      if (byLabel !== undefined) for (const s of byLabel) next = this.addIfMatch(next, s, labels);
    }
    this.replaceMatchesOfItem(i, next ?? EMPTY);
  }

  /** `matches` with selector `s` added when it matches `labels` (made when the first one does). */
  private addIfMatch(matches: Set<number> | undefined, s: number, labels: InternedLabels): Set<number> | undefined {
    if (matches?.has(s) || this.selectors[s]?.matches(labels) !== true) return matches;
    const out = matches ?? new Set<number>();
    out.add(s);
    return out;
  }

  removeItem(id: string): void {
    const i = this.itemIds.get(id);
    const old = i === undefined ? undefined : this.itemLabels[i];
    if (i === undefined || old === undefined) return;
    this.unindexItem(i, old);
    this.itemLabels[i] = undefined;
    this.liveItems--;
    this.replaceMatchesOfItem(i, EMPTY);
    this.itemIds.release(id);
  }

  /**
   * `LabelRestrictionIndex`: file under one required label (and values), so that an item's change re-checks only the
   * selectors its labels could satisfy. Felix scores a value set `max(10000 − n, 100) + 10` and presence alone 10;
   * that ties between `projectcalico.org/orchestrator == 'k8s' && app == 'x'`'s two labels, and filing under the
   * first would re-check every Kubernetes policy on every pod's change. So the label with the fewest items now
   * wins, then a label of the user's over the ones Calico adds (`projectcalico.org/…`, carried by every pod of a
   * namespace or of the cluster), then Felix's score.
   */
  private chooseFiling(selector: Selector): Filing {
    if (selector.canNeverMatch()) return { kind: "never" };
    let best: Filing = { kind: "unoptimised" };
    let bestRank: readonly number[] | undefined;
    for (const [name, r] of selector.labelRestrictions()) {
      if (!r.mustBePresent) continue;
      const label = this.table.id(name);
      const values = r.mustHaveOneOfValues?.map((v) => this.table.id(v));
      const items =
        values === undefined
          ? (this.itemCountByLabel.get(label) ?? 0)
          : values.reduce((n, v) => n + (this.itemsByLabelValue.get(pairKey(label, v))?.size ?? 0), 0);
      const score = values === undefined ? 10 : Math.max(10_000 - values.length, 100) + 10;
      const rank = [items, name.startsWith(CALICO_LABEL_PREFIX) ? 1 : 0, -score];
      if (bestRank === undefined || lexicographicallyLess(rank, bestRank)) {
        bestRank = rank;
        best = values === undefined ? { kind: "label", label } : { kind: "value", label, values };
      }
    }
    return best;
  }

  /**
   * Visits the smallest item set the selector's restrictions allow (`LabelNameValueIndex.StrategyFor`). `exact`
   * says the candidate matches without evaluation: the selector is a single `==`, `in` or `has()` on the label
   * whose index produced the candidates.
   */
  private forEachCandidate(selector: Selector, fn: (item: number, exact: boolean) => void): void {
    let best: (ReadonlySet<number> | undefined)[] | undefined;
    let bestLabel: string | undefined;
    let bestCost = this.liveItems;
    for (const [name, r] of selector.labelRestrictions()) {
      if (!r.mustBePresent) continue;
      const label = this.table.id(name);
      if (r.mustHaveOneOfValues === undefined) {
        const cost = this.itemCountByLabel.get(label) ?? 0;
        if (cost < bestCost) {
          best = [...(this.valuesOfLabel.get(label) ?? [])].map((v) => this.itemsByLabelValue.get(pairKey(label, v)));
          [bestLabel, bestCost] = [name, cost];
        }
        continue;
      }
      const sets = r.mustHaveOneOfValues.map((v) => this.itemsByLabelValue.get(pairKey(label, this.table.id(v))));
      const cost = sets.reduce((n, s) => n + (s?.size ?? 0), 0);
      if (cost < bestCost) [best, bestLabel, bestCost] = [sets, name, cost];
    }
    if (best === undefined) {
      for (let i = 0; i < this.itemLabels.length; i++) if (this.itemLabels[i] !== undefined) fn(i, false);
      return;
    }
    const root = selector.root;
    const exact = (root.kind === "eq" || root.kind === "in" || root.kind === "has") && root.label === bestLabel;
    for (const set of best) if (set !== undefined) for (const i of set) fn(i, exact);
  }

  private replaceMatchesOfSelector(s: number, next: Set<number>): void {
    const prev = this.itemsOfSelector[s] ?? EMPTY;
    if (prev.size === 0) {
      // A new selector: adopt `next` as its match set and record only the item side.
      this.itemsOfSelector[s] = next;
      for (const i of next) {
        setAt(this.selectorsOfItem, i).add(s);
        this.itemVersions[i] = (this.itemVersions[i] ?? 0) + 1;
      }
      return;
    }
    for (const i of prev) if (!next.has(i)) this.stop(s, i);
    for (const i of next) if (!prev.has(i)) this.start(s, i);
  }

  private replaceMatchesOfItem(i: number, next: ReadonlySet<number>): void {
    const prev = this.selectorsOfItem[i] ?? EMPTY;
    if (prev.size === 0) {
      // A new item (or one that matched nothing): adopt `next` as its selector set, record only the selector side.
      if (next.size === 0) return;
      this.selectorsOfItem[i] = next as Set<number>;
      for (const s of next) setAt(this.itemsOfSelector, s).add(i);
      this.itemVersions[i] = (this.itemVersions[i] ?? 0) + 1;
      return;
    }
    for (const s of prev) if (!next.has(s)) this.stop(s, i);
    for (const s of next) if (!prev.has(s)) this.start(s, i);
  }

  private start(s: number, i: number): void {
    setAt(this.itemsOfSelector, s).add(i);
    setAt(this.selectorsOfItem, i).add(s);
    this.itemVersions[i] = (this.itemVersions[i] ?? 0) + 1;
  }

  private stop(s: number, i: number): void {
    this.itemsOfSelector[s]?.delete(i);
    this.selectorsOfItem[i]?.delete(s);
    this.itemVersions[i] = (this.itemVersions[i] ?? 0) + 1;
  }

  private names(set: ReadonlySet<number> | undefined, numbering: Numbering): ReadonlySet<string> {
    const out = new Set<string>();
    if (set !== undefined) for (const n of set) out.add(numbering.name(n));
    return out;
  }

  /** Starts indexing the items' values of `label`, once: a scan of the items. */
  private indexLabel(label: number): void {
    if (this.indexedLabels.has(label)) return;
    this.indexedLabels.add(label);
    for (let i = 0; i < this.itemLabels.length; i++) {
      const labels = this.itemLabels[i];
      if (labels === undefined) continue;
      const value = labelValue(labels, label);
      if (value >= 0) this.addItemValue(label, value, i);
    }
  }

  private indexItem(i: number, labels: InternedLabels): void {
    for (let k = 0; k < labels.length; k += 2) {
      const label = labels[k] as number;
      if (this.indexedLabels.has(label)) this.addItemValue(label, labels[k + 1] as number, i);
    }
  }

  /** Moves the item between value sets only for the labels whose value changed (a label change is one or two). */
  private reindexItem(i: number, old: InternedLabels, labels: InternedLabels): void {
    let a = 0;
    let b = 0;
    while (a < old.length || b < labels.length) {
      const na = a < old.length ? (old[a] as number) : END;
      const nb = b < labels.length ? (labels[b] as number) : END;
      if (na === nb) {
        const va = old[a + 1] as number;
        const vb = labels[b + 1] as number;
        if (va !== vb && this.indexedLabels.has(na)) {
          this.removeItemValue(na, va, i);
          this.addItemValue(na, vb, i);
        }
        a += 2;
        b += 2;
      } else if (na < nb) {
        if (this.indexedLabels.has(na)) this.removeItemValue(na, old[a + 1] as number, i);
        a += 2;
      } else {
        if (this.indexedLabels.has(nb)) this.addItemValue(nb, labels[b + 1] as number, i);
        b += 2;
      }
    }
  }

  private addItemValue(label: number, value: number, i: number): void {
    this.itemCountByLabel.set(label, (this.itemCountByLabel.get(label) ?? 0) + 1);
    const key = pairKey(label, value);
    let items = this.itemsByLabelValue.get(key);
    if (items === undefined) {
      items = new Set();
      this.itemsByLabelValue.set(key, items);
      addTo(this.valuesOfLabel, label, value);
    }
    items.add(i);
  }

  private unindexItem(i: number, labels: InternedLabels): void {
    for (let k = 0; k < labels.length; k += 2) {
      const label = labels[k] as number;
      if (this.indexedLabels.has(label)) this.removeItemValue(label, labels[k + 1] as number, i);
    }
  }

  private removeItemValue(label: number, value: number, i: number): void {
    const n = (this.itemCountByLabel.get(label) ?? 1) - 1;
    if (n > 0) this.itemCountByLabel.set(label, n);
    else this.itemCountByLabel.delete(label);
    const key = pairKey(label, value);
    const items = this.itemsByLabelValue.get(key);
    if (items === undefined) return;
    items.delete(i);
    if (items.size === 0) {
      this.itemsByLabelValue.delete(key);
      removeFrom(this.valuesOfLabel, label, value);
    }
  }

  private file(s: number, entry: SelectorEntry): void {
    const f = entry.filing;
    if (f.kind === "value") for (const v of f.values) addTo(this.selectorsByLabelValue, pairKey(f.label, v), s);
    else if (f.kind === "label") addTo(this.selectorsByLabel, f.label, s);
    else if (f.kind === "unoptimised") this.unoptimised.add(s);
  }

  private unfile(s: number, entry: SelectorEntry): void {
    const f = entry.filing;
    if (f.kind === "value") for (const v of f.values) removeFrom(this.selectorsByLabelValue, pairKey(f.label, v), s);
    else if (f.kind === "label") removeFrom(this.selectorsByLabel, f.label, s);
    else if (f.kind === "unoptimised") this.unoptimised.delete(s);
  }
}

/** Labels Calico adds to every endpoint of a namespace, a service account or the orchestrator. */
const CALICO_LABEL_PREFIX = "projectcalico.org/";

function lexicographicallyLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

function setAt(sets: (Set<number> | undefined)[], n: number): Set<number> {
  let set = sets[n];
  if (set === undefined) {
    set = new Set();
    sets[n] = set;
  }
  return set;
}

function addTo(m: Map<number, Set<number>>, key: number, value: number): void {
  let s = m.get(key);
  if (s === undefined) {
    s = new Set();
    m.set(key, s);
  }
  s.add(value);
}

function removeFrom(m: Map<number, Set<number>>, key: number, value: number): void {
  const s = m.get(key);
  if (s === undefined) return;
  s.delete(value);
  if (s.size === 0) m.delete(key);
}
