import { describe, expect, it } from "vitest";
import type { InternedLabels, LabelTable } from "../selector/interned";
import { parseSelector, type Selector } from "../selector/selector";
import { SelectorIndex } from "./selector-index";

/** The selector, counting its evaluations (the index evaluates through the matcher compiled for its label table). */
function counted(src: string): { selector: Selector; calls: () => number } {
  const parsed = parseSelector(src);
  if (!parsed.ok) throw new Error(parsed.error.message);
  let n = 0;
  const original = parsed.value;
  const selector = Object.create(original, {
    matcherFor: {
      value: (table: LabelTable) => {
        const inner = original.matcherFor(table);
        return (labels: InternedLabels) => {
          n++;
          return inner(labels);
        };
      },
    },
  }) as Selector;
  return { selector, calls: () => n };
}

const pod = (app: string) =>
  new Map([
    ["projectcalico.org/orchestrator", "k8s"],
    ["projectcalico.org/namespace", "x"],
    ["app", app],
  ]);

describe("SelectorIndex", () => {
  it("files a Kubernetes policy's selector under its narrowest label, not the orchestrator label every pod has", () => {
    const idx = new SelectorIndex();
    for (let i = 0; i < 20; i++) idx.upsertItem(`pod-${i}`, pod(`app-${i % 10}`));
    const { selector, calls } = counted(
      "projectcalico.org/orchestrator == 'k8s' && projectcalico.org/namespace == 'x' && app == 'app-3'",
    );
    idx.upsertSelector("p", selector);
    expect([...idx.matchesOf("p")].sort()).toEqual(["pod-13", "pod-3"]);
    const before = calls();
    for (let i = 0; i < 20; i++) idx.upsertItem(`pod-${i}`, pod(`app-${(i + 1) % 10}`));
    // Only the items that have or had app-3 are checked again.
    expect(calls() - before).toBe(2);
    expect([...idx.matchesOf("p")].sort()).toEqual(["pod-12", "pod-2"]);
  });

  it("prefers the user's label over Calico's when no item is indexed yet", () => {
    const idx = new SelectorIndex();
    const { selector, calls } = counted("projectcalico.org/orchestrator == 'k8s' && app == 'a'");
    idx.upsertSelector("p", selector);
    idx.upsertItem("pod-1", pod("b"));
    expect(calls()).toBe(0);
    idx.upsertItem("pod-2", pod("a"));
    expect([...idx.matchesOf("p")]).toEqual(["pod-2"]);
  });
});
