import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { nextThemeChoice, parseThemeChoice, resolveTheme, type Theme, type ThemeChoice } from "./theme";

const STORAGE_KEY = "palisade.theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

function subscribeToSystem(onChange: () => void): () => void {
  const mql = window.matchMedia(DARK_QUERY);
  mql.addEventListener("change", onChange);
  return () => mql.removeEventListener("change", onChange);
}

/** The theme in force, written to `<html data-theme>` so CSS and the lazy Monaco/Cytoscape views can follow it. */
export function useTheme(): { choice: ThemeChoice; theme: Theme; cycle: () => void } {
  const [choice, setChoice] = useState<ThemeChoice>(() => parseThemeChoice(localStorage.getItem(STORAGE_KEY)));
  const systemDark = useSyncExternalStore(subscribeToSystem, () => window.matchMedia(DARK_QUERY).matches);
  const theme = resolveTheme(choice, systemDark);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const cycle = useCallback(() => {
    setChoice((c) => {
      const next = nextThemeChoice(c);
      localStorage.setItem(STORAGE_KEY, next);
      return next;
    });
  }, []);
  return { choice, theme, cycle };
}

/** The current theme for components outside the shell (Monaco, Cytoscape) that must restyle on change. */
export function useDocumentTheme(): Theme {
  return useSyncExternalStore(
    (onChange) => {
      const observer = new MutationObserver(onChange);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
      return () => observer.disconnect();
    },
    () => (document.documentElement.dataset.theme === "dark" ? "dark" : "light"),
  );
}
