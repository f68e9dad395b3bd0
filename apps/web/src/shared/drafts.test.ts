import { describe, expect, it } from "vitest";
import {
  type DraftStorage,
  describeDraft,
  HANDOFF_TTL_MS,
  loadDraft,
  offerToEditor,
  openDraft,
  persistDraft,
  saveDraft,
  takeHandoff,
} from "./drafts";

function memoryStorage(): DraftStorage & { keys(): string[] } {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
    keys: () => [...items.keys()],
  };
}

const WIZARD = { text: "kind: GlobalNetworkPolicy\nmetadata: {name: deny-nodeports}\n", from: "the wizard" };
const T0 = 1_000_000;

describe("the hand-off to the editor", () => {
  it("is picked up once, for its cluster only", () => {
    const s = memoryStorage();
    offerToEditor(s, "demo", WIZARD, T0);
    expect(takeHandoff(s, "other", T0)).toBeUndefined();
    expect(takeHandoff(s, "demo", T0 + 1000)).toEqual(WIZARD);
    expect(takeHandoff(s, "demo", T0 + 2000)).toBeUndefined();
  });

  it("is ignored, and removed, once stale or malformed", () => {
    const s = memoryStorage();
    offerToEditor(s, "demo", WIZARD, T0);
    expect(takeHandoff(s, "demo", T0 + HANDOFF_TTL_MS + 1)).toBeUndefined();
    expect(s.keys()).toEqual([]);
    s.setItem("palisade:editor-handoff:demo", "{not json");
    expect(takeHandoff(s, "demo", T0)).toBeUndefined();
    s.setItem("palisade:editor-handoff:demo", JSON.stringify({ text: 42, at: T0 }));
    expect(takeHandoff(s, "demo", T0)).toBeUndefined();
    expect(s.keys()).toEqual([]);
  });
});

describe("openDraft", () => {
  it("opens incoming text as the new draft when there is none", () => {
    const s = memoryStorage();
    expect(openDraft(s, "demo", WIZARD)).toEqual(WIZARD);
    expect(loadDraft(s, "demo")).toEqual(WIZARD);
  });

  it("restores the saved draft when nothing comes in", () => {
    const s = memoryStorage();
    saveDraft(s, "demo", { text: "mine" });
    expect(openDraft(s, "demo", undefined)).toEqual({ text: "mine" });
    expect(openDraft(memoryStorage(), "demo", undefined)).toBeUndefined();
  });

  it("keeps an unsaved draft that differs from the incoming text aside instead of dropping it", () => {
    const s = memoryStorage();
    saveDraft(s, "demo", { text: "my half-written policy" });
    expect(openDraft(s, "demo", WIZARD)).toEqual({ ...WIZARD, aside: "my half-written policy" });
    expect(loadDraft(s, "demo")?.aside).toBe("my half-written policy");
  });

  it("sets nothing aside when the draft is blank or already the incoming text", () => {
    const blank = memoryStorage();
    saveDraft(blank, "demo", { text: "  \n" });
    expect(openDraft(blank, "demo", WIZARD)).toEqual(WIZARD);
    const same = memoryStorage();
    saveDraft(same, "demo", { text: WIZARD.text });
    expect(openDraft(same, "demo", WIZARD)).toEqual(WIZARD);
  });

  it("is idempotent, as React's double-run state initialisers need", () => {
    const s = memoryStorage();
    saveDraft(s, "demo", { text: "mine" });
    offerToEditor(s, "demo", WIZARD, T0);
    const first = openDraft(s, "demo", takeHandoff(s, "demo", T0));
    const second = openDraft(s, "demo", takeHandoff(s, "demo", T0));
    expect(second).toEqual(first);
    expect(first).toEqual({ ...WIZARD, aside: "mine" });
    // A chosen template opened twice behaves the same.
    const template = { text: "template" };
    expect(openDraft(s, "demo", template)).toEqual({ text: "template", aside: WIZARD.text });
    expect(openDraft(s, "demo", template)).toEqual({ text: "template", aside: WIZARD.text });
  });

  it("keeps drafts apart per cluster", () => {
    const s = memoryStorage();
    saveDraft(s, "a", { text: "for a" });
    expect(openDraft(s, "b", WIZARD)).toEqual(WIZARD);
    expect(loadDraft(s, "a")).toEqual({ text: "for a" });
  });
});

describe("persistDraft", () => {
  it("stores edits, and drops a draft that is back to the untouched default with nothing aside", () => {
    const s = memoryStorage();
    persistDraft(s, "demo", { text: "edited" }, "default");
    expect(loadDraft(s, "demo")).toEqual({ text: "edited" });
    persistDraft(s, "demo", { text: "default" }, "default");
    expect(loadDraft(s, "demo")).toBeUndefined();
    persistDraft(s, "demo", { text: "default", aside: "other" }, "default");
    expect(loadDraft(s, "demo")).toEqual({ text: "default", aside: "other" });
  });
});

describe("describeDraft", () => {
  it("names the draft's objects and counts its lines, so two drafts can be told apart", () => {
    expect(describeDraft("metadata:\n  name: mine\n")).toBe("mine; 2 lines");
    expect(describeDraft("metadata: {name: a}\n---\nmetadata: {name: b}\n---\nmetadata: {name: c}")).toBe(
      "a, b, …; 5 lines",
    );
    expect(describeDraft("just text")).toBe("1 line");
  });
});

describe("when the browser refuses to store (quota exceeded, storage turned off)", () => {
  const full: DraftStorage = {
    getItem: () => null,
    setItem: () => {
      throw new DOMException("quota", "QuotaExceededError");
    },
    removeItem: () => undefined,
  };

  it("says so instead of throwing, and the editor still opens the incoming text", () => {
    expect(offerToEditor(full, "demo", WIZARD, T0)).toBe(false);
    expect(saveDraft(full, "demo", { text: "x" })).toBe(false);
    expect(persistDraft(full, "demo", { text: "edited" }, "default")).toBe(false);
    expect(openDraft(full, "demo", WIZARD)).toEqual(WIZARD);
  });

  it("reports success when it stores", () => {
    const s = memoryStorage();
    expect(offerToEditor(s, "demo", WIZARD, T0)).toBe(true);
    expect(persistDraft(s, "demo", { text: "edited" }, "default")).toBe(true);
  });
});
