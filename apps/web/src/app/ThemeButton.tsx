import { useTheme } from "../shared/useTheme";

const ICON = { system: "◐", light: "☀", dark: "☾" } as const;

export function ThemeButton() {
  const { choice, cycle } = useTheme();
  return (
    <button
      type="button"
      className="btn btn-plain"
      onClick={cycle}
      aria-label={`Theme: ${choice} (change)`}
      title={`Theme: ${choice}. Click for ${choice === "system" ? "light" : choice === "light" ? "dark" : "system"}.`}
    >
      <span aria-hidden="true">{ICON[choice]}</span> <span className="hide-narrow">{choice}</span>
    </button>
  );
}
