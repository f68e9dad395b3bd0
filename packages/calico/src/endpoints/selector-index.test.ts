import { describe, expect, it } from "vitest";
import { parseSelector, type Selector } from "../selector/selector";
import { SelectorIndex } from "./selector-index";

/** The selector, counting its evaluations. */
function counted(src: string): { selector: Selector; calls: () => number } {
  const parsed = parseSelector(src);
  if (!parsed.ok) throw new Error(parsed.error.message);
  let n = 0;
  const inner = parsed.value.evaluate;
  const selector = Object.create(parsed.value, {
    evaluate: {
      value: (labels: Parameters<typeof inner>[0]) => {
        n++;
        return inner(labels);
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
