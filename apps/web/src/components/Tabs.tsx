import { type ReactNode, useId, useRef } from "react";
import { tabAfterKey } from "./tabKeys";

interface Props<T extends string> {
  readonly label: string;
  readonly tabs: readonly { readonly id: T; readonly label: string }[];
  readonly selected: T;
  readonly onSelect: (id: T) => void;
  /** The selected tab's content. */
  readonly children: ReactNode;
}

/**
 * A tablist and its one panel: only the selected tab is in the Tab order, arrow keys (and Home/End) move between
 * tabs and select as they go, and the panel is labelled by its tab.
 */
export function Tabs<T extends string>({ label, tabs, selected, onSelect, children }: Props<T>) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const tabId = (id: T) => `${base}-tab-${id}`;
  const index = Math.max(
    0,
    tabs.findIndex((t) => t.id === selected),
  );
  return (
    <>
      <div
        ref={list}
        role="tablist"
        aria-label={label}
        className="tabs"
        onKeyDown={(e) => {
          const next = tabs[tabAfterKey(index, e.key, tabs.length) ?? -1];
          if (next === undefined) return;
          e.preventDefault();
          onSelect(next.id);
          list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(next.id))}`)?.focus();
        }}
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            id={tabId(t.id)}
            type="button"
            role="tab"
            aria-selected={t.id === selected}
            aria-controls={`${base}-panel`}
            tabIndex={t.id === selected ? 0 : -1}
            className={t.id === selected ? "tab active" : "tab"}
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={tabId(selected)}>
        {children}
      </div>
    </>
  );
}
