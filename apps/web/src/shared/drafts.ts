import { resourceNames } from "./resourceNames";

/**
 * The editor's unsaved new document, kept per cluster in sessionStorage (per tab, gone with the tab), and the
 * hand-off through which another view (the wizard) opens YAML in the editor without applying it.
 *
 * Opening something in the editor does not drop an unsaved draft silently: when the incoming text differs from the
 * draft, the draft is set aside (one is kept: the most recent), and the editor offers to switch to it or discard it.
 */

/** What the editor holds for one cluster. */
export interface Draft {
  readonly text: string;
  /** Where the text came from, when another view handed it over (e.g. "the wizard (Deny NodePorts)"). */
  readonly from?: string;
  /** An earlier unsaved draft, set aside when something else was opened. */
  readonly aside?: string;
}

/** Text another view hands to the editor. */
export interface Incoming {
  readonly text: string;
  readonly from?: string;
}

export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** A hand-off not picked up within this time (the navigation failed, the tab was left) is ignored. */
export const HANDOFF_TTL_MS = 2 * 60_000;

const handoffKey = (cluster: string) => `palisade:editor-handoff:${cluster}`;
const draftKey = (cluster: string) => `palisade:editor-draft:${cluster}`;

function readJson(storage: DraftStorage, key: string): unknown {
  const raw = storage.getItem(key);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function store(storage: DraftStorage, key: string, value: object): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false; // QuotaExceededError, or storage switched off
  }
}

const NO_STORAGE: DraftStorage = {
  getItem: () => null,
  setItem: () => {
    throw new Error("this browser keeps no session storage");
  },
  removeItem: () => undefined,
};

/** The tab's sessionStorage; a store that keeps nothing where the browser forbids it (reading it then throws). */
export function tabStorage(): DraftStorage {
  try {
    return window.sessionStorage;
  } catch {
    return NO_STORAGE;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const optionalString = (v: unknown): v is string | undefined => v === undefined || typeof v === "string";

/** Leaves `text` for the editor of `cluster` to pick up once when it next opens a document. */
/** Whether the browser kept it: storage can be full or disabled. */
export function offerToEditor(storage: DraftStorage, cluster: string, incoming: Incoming, now: number): boolean {
  return store(storage, handoffKey(cluster), { ...incoming, at: now });
}

/** The pending hand-off, removed from storage (it is picked up once); undefined when absent, malformed or stale. */
export function takeHandoff(storage: DraftStorage, cluster: string, now: number): Incoming | undefined {
  const value = readJson(storage, handoffKey(cluster));
  storage.removeItem(handoffKey(cluster));
  if (!isRecord(value) || typeof value.text !== "string" || !optionalString(value.from)) return undefined;
  if (typeof value.at !== "number" || now - value.at > HANDOFF_TTL_MS || value.at > now) return undefined;
  return value.from === undefined ? { text: value.text } : { text: value.text, from: value.from };
}

export function loadDraft(storage: DraftStorage, cluster: string): Draft | undefined {
  const value = readJson(storage, draftKey(cluster));
  if (!isRecord(value) || typeof value.text !== "string") return undefined;
  if (!optionalString(value.from) || !optionalString(value.aside)) return undefined;
  return {
    text: value.text,
    ...(value.from === undefined ? {} : { from: value.from }),
    ...(value.aside === undefined ? {} : { aside: value.aside }),
  };
}

/** Whether the browser kept it: storage can be full or disabled. */
export function saveDraft(storage: DraftStorage, cluster: string, draft: Draft): boolean {
  return store(storage, draftKey(cluster), draft);
}

export function clearDraft(storage: DraftStorage, cluster: string): void {
  storage.removeItem(draftKey(cluster));
}

/**
 * Keeps the editor's text as the draft; text still equal to the editor's untouched default (its first template),
 * with nothing set aside, is no draft at all.
 */
export function persistDraft(storage: DraftStorage, cluster: string, draft: Draft, untouched?: string): boolean {
  if (draft.aside !== undefined || draft.text !== untouched) return saveDraft(storage, cluster, draft);
  clearDraft(storage, cluster);
  return true;
}

/**
 * The document the editor opens: `incoming` (a hand-off or a chosen template) if any, else the saved draft, else
 * nothing (the caller shows its default). The result is saved as the new draft, and an unsaved draft that differs
 * from `incoming` is kept as `aside`, so both survive. Idempotent: calling it again with the same `incoming`
 * returns the same draft (React runs state initialisers twice in development).
 */
export function openDraft(storage: DraftStorage, cluster: string, incoming: Incoming | undefined): Draft | undefined {
  const current = loadDraft(storage, cluster);
  if (incoming === undefined) return current;
  const keepsCurrent = current !== undefined && current.text.trim() !== "" && current.text !== incoming.text;
  const aside = keepsCurrent ? current.text : current?.aside;
  const next: Draft = {
    text: incoming.text,
    ...(incoming.from === undefined ? {} : { from: incoming.from }),
    ...(aside === undefined || aside === incoming.text ? {} : { aside }),
  };
  saveDraft(storage, cluster, next);
  return next;
}

/** "my-policy; 18 lines": enough to tell two drafts apart. */
export function describeDraft(text: string): string {
  const lines = text.replace(/\n$/, "").split("\n").length;
  const names = resourceNames(text);
  const named = names.length === 0 ? "" : `${names.slice(0, 2).join(", ")}${names.length > 2 ? ", …" : ""}; `;
  return `${named}${lines} ${lines === 1 ? "line" : "lines"}`;
}
